"""Writes one small EPUB, valid or hostile, for Galley's `galley check` tests.

usage: make_epub.py CASE OUT.epub

Every zip is written byte by byte here (no zipfile module) so that headers
can lie: claimed sizes, zip64 extra fields, names no zip tool would write.
Files stay small: the 10 GiB deflate bomb is about 10 MB.
"""
import struct
import sys
import zlib

CONTAINER = b"""<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""

def package(extra_items=b"", before_package=b""):
    return b"""<?xml version="1.0" encoding="UTF-8"?>
""" + before_package + b"""<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:12345678-1234-1234-1234-123456789abc</dc:identifier>
    <dc:title>Hostile</dc:title>
    <dc:language>en</dc:language>
    <meta property="dcterms:modified">2026-12-01T00:00:00Z</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="ch" href="chapter.xhtml" media-type="application/xhtml+xml"/>
""" + extra_items + b"""  </manifest>
  <spine><itemref idref="ch"/></spine>
</package>
"""

NAV = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>Contents</title></head>
<body><nav epub:type="toc"><ol><li><a href="chapter.xhtml">Chapter</a></li></ol></nav></body>
</html>
"""

def chapter(body=b"<p>Text.</p>", doctype=b"<!DOCTYPE html>\n"):
    return b"""<?xml version="1.0" encoding="UTF-8"?>
""" + doctype + b"""<html xmlns="http://www.w3.org/1999/xhtml">
<head><title>Chapter</title></head>
<body>""" + body + b"""</body>
</html>
"""

LAUGHS = b"""<!DOCTYPE html [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""

XXE = b"""<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
"""


class Entry:
    def __init__(self, name, data, method=8, claimed_size=None, stored=None, size=None, crc=None):
        self.name = name.encode("utf-8") if isinstance(name, str) else name
        self.method = method
        if stored is not None:            # already compressed bytes (the bomb)
            self.stored, self.size, self.crc = stored, size, crc
        else:
            self.size, self.crc = len(data), zlib.crc32(data)
            if method == 8:
                compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
                self.stored = compressor.compress(data) + compressor.flush()
            else:
                self.stored = data
        self.claimed = self.size if claimed_size is None else claimed_size


def headers(entry, offset):
    usize, csize = entry.claimed, len(entry.stored)
    extra = b""
    if usize >= 0xFFFFFFFF or csize >= 0xFFFFFFFF:
        values = []
        if usize >= 0xFFFFFFFF:
            values.append(usize)
            usize = 0xFFFFFFFF
        if csize >= 0xFFFFFFFF:
            values.append(csize)
            csize = 0xFFFFFFFF
        extra = struct.pack("<HH", 1, 8 * len(values)) + b"".join(struct.pack("<Q", v) for v in values)
    version = 45 if extra else 20
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, version, 0x800, entry.method, 0, 0x21,
                        entry.crc, csize, usize, len(entry.name), len(extra)) + entry.name + extra
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, version, version, 0x800, entry.method, 0, 0x21,
                          entry.crc, csize, usize, len(entry.name), len(extra), 0, 0, 0, 0,
                          offset) + entry.name + extra
    return local, central


def write_zip(path, entries):
    with open(path, "wb") as out:
        centrals = []
        offset = 0
        for entry in entries:
            local, central = headers(entry, offset)
            out.write(local)
            out.write(entry.stored)
            offset += len(local) + len(entry.stored)
            centrals.append(central)
        directory = b"".join(centrals)
        out.write(directory)
        count = len(entries)
        if count > 0xFFFF:
            out.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count,
                                  len(directory), offset))
            out.write(struct.pack("<IIQI", 0x07064B50, 0, offset + len(directory), 1))
            count = 0xFFFF
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), offset, 0))


def crc32_combine(crc1, crc2, length2):
    """zlib's crc32_combine: the CRC of A+B from those of A and B."""
    def times(matrix, vector):
        total, index = 0, 0
        while vector:
            if vector & 1:
                total ^= matrix[index]
            vector >>= 1
            index += 1
        return total

    def square(matrix):
        return [times(matrix, matrix[n]) for n in range(32)]

    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = square(odd)
    odd = square(even)
    while True:
        even = square(odd)
        if length2 & 1:
            crc1 = times(even, crc1)
        length2 >>= 1
        if not length2:
            break
        odd = square(even)
        if length2 & 1:
            crc1 = times(odd, crc1)
        length2 >>= 1
        if not length2:
            break
    return crc1 ^ crc2


def zeros_crc(length, chunk):
    """CRC-32 of `length` zero bytes, `length` a multiple of `chunk`."""
    piece, piece_length, total, total_length = zlib.crc32(bytes(chunk)), chunk, 0, 0
    remaining = length // chunk
    while remaining:
        if remaining & 1:
            total = crc32_combine(total, piece, piece_length) if total_length else piece
            total_length += piece_length
        piece = crc32_combine(piece, piece, piece_length)
        piece_length *= 2
        remaining >>= 1
    return total


def bomb(name, gib, claimed_size=None):
    """A deflate stream of `gib` GiB of zeros: one MiB deflated, ending on a
    full flush, repeated; then an empty final block."""
    chunk = 1 << 20
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(chunk)) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = gib * 1024
    size = count * chunk
    return Entry(name, None, stored=block * count + b"\x03\x00", size=size, crc=zeros_crc(size, chunk),
                 claimed_size=claimed_size)


def base(chapter_bytes=None, package_bytes=None, container_bytes=None, claim=None, extra=()):
    return [Entry("mimetype", b"application/epub+zip", method=0),
            Entry("META-INF/container.xml", container_bytes or CONTAINER),
            Entry("OEBPS/content.opf", package_bytes or package()),
            Entry("OEBPS/nav.xhtml", NAV),
            Entry("OEBPS/chapter.xhtml", chapter_bytes or chapter(), claimed_size=claim)] + list(extra)


def many_ids(count):
    return b"".join(b'<a id="i%d"/>' % n for n in range(count))


CASES = {
    "valid": lambda: base(),
    "claim-1g": lambda: base(claim=1 << 30),
    "claim-3g": lambda: base(claim=3 << 30),
    "claim-2^64": lambda: base(claim=(1 << 64) - 1),
    "bomb-10g": lambda: base(package_bytes=package(
        b'    <item id="img" href="zeros.png" media-type="image/png"/>\n'),
        extra=[bomb("OEBPS/zeros.png", 10)]),
    "bomb-10g-claims-small": lambda: base(extra=[bomb("OEBPS/zeros.bin", 10, claimed_size=100)]),
    "slip-parent": lambda: base(extra=[Entry("../../evil", b"x")]),
    "slip-absolute": lambda: base(extra=[Entry("/abs", b"x")]),
    "slip-backslash": lambda: base(extra=[Entry("a\\b", b"x")]),
    "duplicate": lambda: base(extra=[Entry("OEBPS/chapter.xhtml", chapter())]),
    "duplicate-case": lambda: base(extra=[Entry("OEBPS/Chapter.xhtml", chapter())]),
    "entries-100000": lambda: base(extra=[Entry("OEBPS/f%d.txt" % n, b"", method=0) for n in range(100000)]),
    "xxe-chapter": lambda: base(chapter_bytes=chapter(b"<p>&xxe;</p>", doctype=XXE)),
    "laughs-chapter": lambda: base(chapter_bytes=chapter(b"<p>&lol9;</p>", doctype=LAUGHS)),
    "laughs-package": lambda: base(package_bytes=package(before_package=LAUGHS.replace(b"html", b"package"))),
    "xxe-container": lambda: base(container_bytes=CONTAINER.replace(
        b"<container", XXE.replace(b"html", b"container") + b"<container", 1)),
    "ids-2000000": lambda: base(chapter_bytes=chapter(many_ids(2000000))),
    "long-ids-1000001": lambda: base(chapter_bytes=chapter(b"".join(
        b'<a id="an-identifier-long-enough-for-the-heap-%d"/>' % n for n in range(1000001)))),
    "long-links-1000001": lambda: base(chapter_bytes=chapter(b"".join(
        b'<a href="chapter.xhtml#a-fragment-long-enough-%d"/>' % n for n in range(1000001)))),
    "elements-60mb": lambda: base(chapter_bytes=chapter(b"<b/>" * (15 << 20))),
    "markup-package": lambda: base(package_bytes=package(b"<!-- -->" + b"<x a=''/>" * 500000)),
    "paragraph-10mb": lambda: base(chapter_bytes=chapter(b"<p>" + "长文".encode() * 1750000 + b"</p>")),
}

if __name__ == "__main__":
    write_zip(sys.argv[2], CASES[sys.argv[1]]())
