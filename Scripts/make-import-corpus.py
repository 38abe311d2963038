#!/usr/bin/env python3
"""Typeset the import corpus (Tests/ImportCorpus/<book>/) to PDF with WeasyPrint.

For each book: meta.txt (title page and copyright page lines) and expected/*.md
(the chapters, in the form `galley import` should give back) become one HTML
file with print CSS (A6, running heads = chapter title, folios at the foot,
footnotes at the page foot, two-line chapter headings, a contents page), then
book.pdf. Output goes to Tests/ImportCorpus/Build/<book>/.

The Markdown subset is deliberately small: `# 第X章　题目` headings, paragraphs
(one per line or per block), `- ` and `1. ` lists, `[^n]` note calls with
`[^n]: text` definitions, `**strong**` and `*emphasis*`.
"""
import html
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "ImportCorpus"

CSS = """
@page {
  size: A6;
  margin: 16mm 12mm 15mm 13mm;
  @top-center {
    content: string(chapter);
    font-size: 7.5pt; color: #333;
    vertical-align: bottom; padding-bottom: 3mm;
  }
  @bottom-center {
    content: counter(page);
    font-size: 8pt;
    vertical-align: top; padding-top: 3mm;
  }
  @footnote { border-top: 0.4pt solid #555; padding-top: 1.5mm; margin-top: 2mm; }
}
@page front { @top-center { content: none; } @bottom-center { content: none; } }
@page body:nth(1 of body) { @top-center { content: none; } }
html { font-family: "Noto Serif CJK SC", serif; font-size: 10.5pt; line-height: 1.65;
       text-align: justify; lang: zh-CN; }
body { margin: 0; }
.front { page: front; break-after: page; }
.titlepage { text-align: center; padding-top: 28mm; }
.titlepage .t { font-size: 20pt; font-weight: bold; line-height: 1.3; }
.titlepage .s { font-size: 10.5pt; margin-top: 4mm; }
.titlepage .a { font-size: 11pt; margin-top: 16mm; }
.titlepage .p { font-size: 9pt; margin-top: 30mm; }
.copyright { font-size: 7.5pt; line-height: 1.6; padding-top: 60mm; }
.copyright p { text-indent: 0; margin: 0; }
.toc h2 { font-size: 13pt; text-align: center; margin: 6mm 0 6mm; letter-spacing: 1em; }
.toc ul { list-style: none; padding: 0; margin: 0; }
.toc li { font-size: 9pt; margin: 0 0 1.5mm; }
.toc a { color: black; text-decoration: none; }
.toc a::after { content: leader('.') target-counter(attr(href), page); }
section.chapter { break-before: page; }
section.chapter { page: body; counter-reset: footnote; }
h1 { font-weight: bold; text-align: center; margin: 10mm 0 8mm; line-height: 1.4;
     string-set: chapter attr(data-title); }
h1 .num { display: block; font-size: 11pt; letter-spacing: 0.2em; }
h1 .title { display: block; font-size: 15pt; margin-top: 2mm; }
p { margin: 0; text-indent: 2em; orphans: 2; widows: 2; }
ul, ol { margin: 1mm 0 1mm 2em; padding-left: 1.2em; }
li { margin: 0; }
/* footnote-policy is read from the note itself: push the calling line to the
   next page rather than carry the note away from its call. */
.fn { float: footnote; footnote-policy: line; font-size: 7pt; line-height: 1.45; text-indent: 0; text-align: left; }
.fn::footnote-marker { content: counter(footnote) "　"; }
::footnote-call { content: counter(footnote); font-size: 6pt; vertical-align: super; line-height: 0; }
"""

HEADING = re.compile(r"^#\s+(第\S+?[章篇回])[\s\u3000]+(.+)$")


def inline(text, notes):
    out = html.escape(text)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"\*(.+?)\*", r"<em>\1</em>", out)

    def call(m):
        key = m.group(1)
        if key not in notes:
            sys.exit(f"note [^{key}] has no definition")
        return f'<span class="fn">{inline(notes[key], {})}</span>'

    return re.sub(r"\[\^([^\]]+)\]", call, out)


def chapter_html(md, index):
    lines = md.splitlines()
    notes = {}
    body = []
    for line in lines:
        m = re.match(r"^\[\^([^\]]+)\]:\s*(.+)$", line)
        if m:
            notes[m.group(1)] = m.group(2).strip()
        else:
            body.append(line)
    out = []
    title = None
    blocks = "\n".join(body).split("\n\n")
    for block in blocks:
        block = block.strip("\n")
        if not block.strip():
            continue
        first = block.splitlines()[0]
        m = HEADING.match(first)
        if m:
            num, title = m.group(1), m.group(2).strip()
            out.append(f'<h1 id="ch{index}" data-title="{html.escape(title)}">'
                       f'<span class="num">{html.escape(num)}</span>'
                       f'<span class="title">{html.escape(title)}</span></h1>')
            continue
        items = block.splitlines()
        if all(re.match(r"^- ", i) for i in items):
            out.append("<ul>" + "".join(f"<li>{inline(i[2:], notes)}</li>" for i in items) + "</ul>")
        elif all(re.match(r"^\d+\. ", i) for i in items):
            out.append("<ol>" + "".join(
                f"<li>{inline(re.sub(r'^[0-9]+[.] ', '', i), notes)}</li>" for i in items) + "</ol>")
        else:
            for para in items:
                out.append(f"<p>{inline(para.strip(), notes)}</p>")
    if title is None:
        sys.exit(f"chapter {index} has no '# 第X章　题目' heading")
    heading = HEADING.match(next(l for l in lines if l.startswith("# ")))
    return heading.group(1), title, "\n".join(out)


def meta(path):
    fields = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if ":" in line and not line.startswith(" "):
            key, value = line.split(":", 1)
            fields.setdefault(key.strip(), []).append(value.strip())
    return fields


def book_html(book):
    m = meta(book / "meta.txt")
    chapters = []
    for i, path in enumerate(sorted((book / "expected").glob("*.md")), 1):
        chapters.append(chapter_html(path.read_text(encoding="utf-8"), i))
    title = m["title"][0]
    parts = [f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
             f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"]
    parts.append('<div class="front titlepage">'
                 f'<div class="t">{html.escape(title)}</div>'
                 + "".join(f'<div class="s">{html.escape(s)}</div>' for s in m.get("subtitle", []))
                 + f'<div class="a">{html.escape(m["author"][0])}</div>'
                 f'<div class="p">{html.escape(m["publisher"][0])}</div></div>')
    parts.append('<div class="front copyright">'
                 + "".join(f"<p>{html.escape(c)}</p>" for c in m.get("copyright", [])) + "</div>")
    parts.append('<div class="front toc"><h2>目录</h2><ul>'
                 + "".join(f'<li><a href="#ch{i}">{html.escape(num)}　{html.escape(t)}</a></li>'
                           for i, (num, t, _) in enumerate(chapters, 1))
                 + "</ul></div>")
    for num, t, body in chapters:
        parts.append(f'<section class="chapter">{body}</section>')
    parts.append("</body></html>")
    return "".join(parts)


def main():
    import weasyprint
    out_root = ROOT / "Build"
    books = sys.argv[1:] or sorted(p.name for p in ROOT.iterdir() if (p / "meta.txt").exists())
    for name in books:
        book = ROOT / name
        out = out_root / name
        out.mkdir(parents=True, exist_ok=True)
        text = book_html(book)
        (out / "book.html").write_text(text, encoding="utf-8")
        doc = weasyprint.HTML(string=text, base_url=str(book)).render()
        doc.write_pdf(out / "book.pdf")
        print(f"{name}: {len(doc.pages)} pages -> {out / 'book.pdf'}")


if __name__ == "__main__":
    main()
