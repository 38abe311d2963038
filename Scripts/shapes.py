#!/usr/bin/env python3
"""Writes a book project of one hostile SHAPE with N items into DIR, for
Scripts/shape-scan.sh (does galley's time grow linearly with the input?).
usage: shapes.py SHAPE N DIR [LANG]   (LANG default zh-Hans)
Shapes import_* also write DIR/input.txt, the text `galley import` reads.
The shapes are the `if shape == …` lines below: one paragraph or line made
of N pieces (emphases, inline HTML, code spans, images, references…), N
blocks, N nested levels, N chapters, N table rows or columns, lint input."""
import sys, os, base64
shape, n, d = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lang = sys.argv[4] if len(sys.argv) > 4 else 'zh-Hans'
src = os.path.join(d, 'Source'); os.makedirs(src, exist_ok=True)
PNG = base64.b64decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==')
chapters = None
def rep(s, k): return s * k
def body():
    global chapters
    if shape == 'codespan_1para': return ' '.join('`**a** [x](y) <b> &amp; %d`' % i for i in range(n)) + '\n'
    if shape == 'codespan_paras': return '\n\n'.join('文字 `**a** [x](y) <b> &amp; %d` 文字' % i for i in range(n)) + '\n'
    if shape == 'codeblocks': return '\n'.join('```python\nx = a ** %d\nprint("[x](y) <b> &amp;")\n```\n' % i for i in range(n))
    if shape == 'para_cjk': return ('测试文字汉字中文段落' * (n // 10 + 1))[:n] + '\n'
    if shape == 'para_latin': return ('lorem ipsum dolor sit amet ' * (n // 27 + 1))[:n] + '\n'
    if shape == 'para_mixed': return ('中文 word 测试 text，' * (n // 18 + 1))[:n] + '\n'
    if shape == 'para_mixed_nospace': return ('中文word测试text，' * (n // 14 + 1))[:n] + '\n'
    if shape == 'para_cjk_lines': return ('测试文字汉字中文段落\n' * (n // 11 + 1))
    if shape.startswith('line_'):
        ch = {'spaces': ' ', 'star': '*', 'under': '_', 'tick': '`', 'lbrack': '[', 'lt': '<', 'rbrack': ']',
              'bang': '![', 'amp': '&', 'backslash': '\\', 'pipe': '|', 'tilde': '~', 'brace': '{', 'lparen': '](', 'dollar': '$',
              'stara': '*a', 'undera': '_a', 'ticka': '`a', 'lta': '<a ', 'hash': '#', 'lbrace_bar': '{a|', 'caret': '[^'}[shape[5:]]
        return 'a' + (ch * (n // len(ch) + 1))[:n] + 'b\n'
    if shape == 'nest_list_1line': return '- ' * n + 'x\n'
    if shape == 'nest_olist_1line': return '1. ' * n + 'x\n'
    if shape == 'nest_list_indent': return ''.join('  ' * i + '- x%d\n' % i for i in range(n))
    if shape == 'nest_quote': return '> ' * n + 'x\n'
    if shape == 'nest_quote_lines': return ''.join('>' * (i + 1) + ' x\n' for i in range(n))
    if shape == 'list_items': return ''.join('- item %d\n' % i for i in range(n))
    if shape == 'list_items_loose': return ''.join('- item %d\n\n' % i for i in range(n))
    if shape == 'olist_items': return ''.join('%d. item\n' % (i + 1) for i in range(n))
    if shape == 'table_rows': return '| a | b | c |\n|---|---|---|\n' + ''.join('| %d | x | 文 |\n' % i for i in range(n))
    if shape == 'table_cols': return '|' + '|'.join('c%d' % i for i in range(n)) + '|\n|' + '|'.join('-' for i in range(n)) + '|\n|' + '|'.join('v' for i in range(n)) + '|\n'
    if shape == 'images_missing': return '\n\n'.join('![图 %d](missing.png)' % i for i in range(n)) + '\n'
    if shape == 'images_inline_missing': return ' '.join('![图](missing.png)' for i in range(n)) + '\n'
    if shape == 'images_png':
        open(os.path.join(src, 'p.png'), 'wb').write(PNG)
        return '\n\n'.join('![图 %d](p.png)' % i for i in range(n)) + '\n'
    if shape == 'images_png_distinct':
        for i in range(n): open(os.path.join(src, 'p%d.png' % i), 'wb').write(PNG)
        return '\n\n'.join('![图 %d](p%d.png)' % (i, i) for i in range(n)) + '\n'
    if shape == 'fnref_same': return ' '.join('文字[^1]' for i in range(n)) + '\n\n[^1]: 注释。\n'
    if shape == 'fnref_same_paras': return '\n\n'.join('文字[^1]' for i in range(n)) + '\n\n[^1]: 注释。\n'
    if shape == 'fndefs_only': return ''.join('[^n%d]: 注释 %d。\n\n' % (i, i) for i in range(n))
    if shape == 'fndefs_nested': return '正文[^n0]\n\n' + ''.join('[^n%d]: 注释[^n%d]。\n\n' % (i, i + 1) for i in range(n))
    if shape == 'refdefs': return ''.join('[r%d]: http://example.com/%d\n' % (i, i) for i in range(n))
    if shape == 'refdefs_used': return ''.join('[r%d]: http://example.com/%d\n' % (i, i) for i in range(n)) + '\n' + ' '.join('[x][r%d]' % i for i in range(n)) + '\n'
    if shape == 'refdefs_undefined': return ' '.join('[x][r%d]' % i for i in range(n)) + '\n'
    if shape == 'dup_headings': return ''.join('## 同一标题\n\n文字。\n\n' for i in range(n))
    if shape == 'dup_headings_en': return ''.join('## Same Title\n\ntext.\n\n' for i in range(n))
    if shape == 'dup_explicit_ids': return ''.join('## 标题 {#same}\n\n' for i in range(n))
    if shape == 'heading_slug_collide': return ''.join('## Title\n\n## Title 1\n\n' for i in range(n))
    if shape == 'explicit_ids': return ''.join('## 标题 %d {#id-%d}\n\n' % (i, i) for i in range(n))
    if shape == 'ruby': return ' '.join('{漢字|hàn|zì}' for i in range(n)) + '\n'
    if shape == 'ruby_paras': return '\n\n'.join('文{漢字|hàn|zì}字' for i in range(n)) + '\n'
    if shape == 'emph_1para': return ' '.join('*a*' for i in range(n)) + '\n'
    if shape == 'strong_1para': return ' '.join('**a**' for i in range(n)) + '\n'
    if shape == 'emph_unclosed': return ' '.join('*a' for i in range(n)) + '\n'
    if shape == 'emph_nested': return '*' * n + 'a' + '*' * n + '\n'
    if shape == 'links_nested': return '[' * n + 'a' + '](u)' * n + '\n'
    if shape == 'html_blocks': return '\n'.join('<div class="x">块 %d</div>\n' % i for i in range(n))
    if shape == 'inline_html': return ' '.join('<span>x</span>' for i in range(n)) + '\n'
    if shape == 'inline_html_unclosed': return ' '.join('<b>x' for i in range(n)) + '\n'
    if shape == 'html_nested': return '<div>' * n + 'x' + '</div>' * n + '\n'
    if shape == 'long_heading': return '# ' + ('标题' * (n // 2 + 1))[:n] + '\n'
    if shape == 'long_heading_en': return '# ' + ('title ' * (n // 6 + 1))[:n] + '\n'
    if shape == 'xrefs': return ''.join('## 标题 %d {#id-%d}\n\n' % (i, i) for i in range(n)) + '\n' + ' '.join('[x](#id-%d)' % i for i in range(n)) + '\n'
    if shape == 'xrefs_paras': return ''.join('## 标题 %d {#id-%d}\n\n[上](#id-%d)\n\n' % (i, i, max(i-1,0)) for i in range(n))
    if shape == 'xrefs_missing': return ' '.join('[x](#nope-%d)' % i for i in range(n)) + '\n'
    if shape == 'hardbreaks': return ''.join('行%d  \n' % i for i in range(n))
    if shape == 'autolinks': return ' '.join('<http://example.com/%d>' % i for i in range(n)) + '\n'
    if shape == 'entities': return '&amp;&lt;&#x4e2d;' * n + '\n'
    if shape == 'thematic': return '***\n\n' * n
    if shape == 'setext': return ''.join('标题 %d\n---\n\n' % i for i in range(n))
    if shape == 'code_long_line': return '```\n' + 'a ** b ' * (n // 7) + '\n```\n'
    if shape == 'code_many_lines_star': return '```\n' + 'x = a ** b\n' * n + '```\n'
    if shape == 'code_indented': return ''.join('    x = a ** %d\n' % i for i in range(n))
    if shape == 'chapters':
        chapters = []
        for i in range(n):
            f = 'c%d.md' % i; chapters.append(f)
            open(os.path.join(src, f), 'w').write('# 第%d章\n\n文字。\n' % i)
        return None
    if shape == 'chapters_xref':
        chapters = []
        for i in range(n):
            f = 'c%d.md' % i; chapters.append(f)
            open(os.path.join(src, f), 'w').write('# 第%d章 {#ch-%d}\n\n见[前章](#ch-%d)。\n' % (i, i, max(i-1, 0)))
        return None
    if shape == 'import_oneline': return ('第一章 测试文字，汉字中文段落。' * (n // 17 + 1))[:n]
    if shape == 'import_lines': return ''.join('短行文字%d\n' % i for i in range(n))
    if shape == 'import_mixed_lines': return ''.join(('第%d章 标题\n' % i) if i % 50 == 0 else ('这是一行正文，有注释①和标点, 文字 text %d\n' % i) for i in range(n))
    if shape == 'lint_brackets_open': return '（文' * n + '\n'
    if shape == 'lint_brackets_close': return '文）' * n + '\n'
    if shape == 'lint_quotes': return '“文' * n + '\n'
    if shape == 'lint_punct': return '中文,中文 ' * n + '\n'
    if shape == 'lint_spacing': return '中 文 word中文 50% 10 kg ' * n + '\n'
    if shape == 'lint_lines': return ''.join('中文,段落 text中文（%d\n\n' % i for i in range(n))
    if shape == 'emph_paras': return '\n\n'.join('*a*' for i in range(n)) + '\n'
    if shape == 'emph_heading': return '# ' + ' '.join('*a*' for i in range(n)) + '\n'
    if shape == 'emph_listitem': return '- ' + ' '.join('*a*' for i in range(n)) + '\n'
    if shape == 'emph_tablecell': return '| a |\n|---|\n| ' + ' '.join('*a*' for i in range(n)) + ' |\n'
    raise SystemExit('unknown shape ' + shape)
b = body()
if shape.startswith('import_'):
    open(os.path.join(d, 'input.txt'), 'w').write(b); b = '# x\n'
if b is not None:
    open(os.path.join(src, 'a.md'), 'w').write(b); chapters = ['a.md']
open(os.path.join(src, 'book.yaml'), 'w').write('title: 测试\nlanguage: %s\nchapters:\n%s' % (lang, ''.join('  - %s\n' % c for c in chapters)))
