"""PDFs are pinned: two LibreOffice runs that number objects differently, with their own
random ids, checksums and times, give the same bytes."""

from __future__ import annotations

import io
import os

import pikepdf

from curriculum_kit.package.pdf import pin


def libreoffice_like(fonts: tuple[str, str], when: str) -> bytes:
    """A one-page PDF written the way LibreOffice does, its two fonts numbered 5 and 6 in the
    order given, with a time, a random /ID and a /DocChecksum."""
    number = {name: 5 + index for index, name in enumerate(fonts)}
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << "
            b"/F1 %d 0 R /F2 %d 0 R >> >> >>" % (number["DejaVuSans"], number["DejaVuSans-Bold"])),
        4: b"<< /Length 44 >>\nstream\nBT /F1 12 Tf (CWS) Tj /F2 12 Tf (DCFS) Tj ET\nendstream",
        **{number[name]: b"<< /Type /Font /Subtype /Type1 /BaseFont /%s >>" % name.encode() for name in fonts},
        7: b"<</Producer(LibreOffice 7.4)/CreationDate(D:%s-08'00')>>" % when.encode(),
    }
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for key in sorted(objects):
        offsets[key] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (key, objects[key])
    xref = len(out)
    out += b"xref\n0 8\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % offsets[k] for k in sorted(objects))
    random_id = os.urandom(16).hex().encode()
    out += (b"trailer\n<< /Size 8 /Root 1 0 R /Info 7 0 R /ID [<%s><%s>] /DocChecksum /%s >>\nstartxref\n%d\n%%%%EOF\n"
            % (random_id, random_id, os.urandom(16).hex().upper().encode(), xref))
    return bytes(out)


def test_object_order_ids_checksums_and_times_are_pinned():
    first = libreoffice_like(("DejaVuSans", "DejaVuSans-Bold"), "20261204101112")
    second = libreoffice_like(("DejaVuSans-Bold", "DejaVuSans"), "20261205131415")
    assert first != second
    pinned = pin(first, "20260101000000")
    assert pinned == pin(second, "20260101000000")
    with pikepdf.open(io.BytesIO(pinned)) as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20260101000000")
        assert "/DocChecksum" not in pdf.trailer
        text = pdf.pages[0].Contents.read_bytes()
    assert text == b"BT /F1 12 Tf (CWS) Tj /F2 12 Tf (DCFS) Tj ET"
