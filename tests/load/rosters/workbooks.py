"""Workbooks built part by part with zipfile, for the tests (and scripts/bench_xlsx.py): the XML is
exactly what a test writes, so it can be damaged, stale, hostile or merely unusual on purpose."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
DATE_STYLES = (
    f'<styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>'
)


def row(number: int, *cells: object) -> str:
    """A `<row>` of inline text cells (str) and numbers (int, float), named A, B, C..."""
    out = []
    for column, value in enumerate(cells):
        ref = f"{chr(65 + column)}{number}"
        if isinstance(value, str):
            out.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
        elif value is not None:
            out.append(f'<c r="{ref}"><v>{value}</v></c>')
    return f'<row r="{number}">{"".join(out)}</row>'


def sheet_xml(rows: Iterable[str], before: str = "", prolog: str = "") -> bytes:
    data = f"<sheetData>{''.join(rows)}</sheetData>"
    return f'<?xml version="1.0"?>{prolog}<worksheet xmlns="{MAIN}">{before}{data}</worksheet>'.encode()


def build(
    path: Path,
    sheets: Sequence[tuple[str, bytes | Iterable[bytes], str]],
    *,
    strings: bytes | Iterable[bytes] | None = None,
    styles: str | None = None,
    active: int | None = None,
    workbook_prolog: str = "",
    date1904: bool = False,
) -> Path:
    """A workbook of `sheets` (name, the sheet part's XML or its chunks, state: "" / "hidden"), with an
    optional shared strings part (its XML, or chunks of it), styles part and active tab."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _content_types(len(sheets), strings is not None, styles is not None))
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        view = '<workbookPr date1904="1"/>' if date1904 else ""
        view += f'<bookViews><workbookView activeTab="{active}"/></bookViews>' if active is not None else ""
        listed = "".join(
            f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"' + (f' state="{state}"' if state else "") + "/>"
            for i, (name, _, state) in enumerate(sheets, 1)
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?>{workbook_prolog}<workbook xmlns="{MAIN}" xmlns:r="{_REL}">{view}'
            f"<sheets>{listed}</sheets></workbook>",
        )
        rels = [
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        ]
        rels.append(f'<Relationship Id="rIdS" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>')
        rels.append(f'<Relationship Id="rIdT" Type="{_REL}/styles" Target="styles.xml"/>')
        archive.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{_PKG}">{"".join(rels)}</Relationships>')
        for i, (_, body, _) in enumerate(sheets, 1):
            _write(archive, f"xl/worksheets/sheet{i}.xml", body)
        if strings is not None:
            _write(archive, "xl/sharedStrings.xml", strings)
        if styles is not None:
            archive.writestr("xl/styles.xml", styles)
    return path


def _content_types(sheets: int, strings: bool, styles: bool) -> str:
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    parts = [("/xl/workbook.xml", "sheet.main")]
    parts += [(f"/xl/worksheets/sheet{i}.xml", "worksheet") for i in range(1, sheets + 1)]
    parts += [("/xl/sharedStrings.xml", "sharedStrings")] if strings else []
    parts += [("/xl/styles.xml", "styles")] if styles else []
    overrides = "".join(f'<Override PartName="{name}" ContentType="{kind}.{what}+xml"/>' for name, what in parts)
    return (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
    )


def _write(archive: zipfile.ZipFile, name: str, body: bytes | Iterable[bytes]) -> None:
    if isinstance(body, bytes):
        archive.writestr(name, body)
        return
    with archive.open(name, "w", force_zip64=True) as part:
        for chunk in body:
            part.write(chunk)


def shared_strings(*texts: str) -> bytes:
    return f'<sst xmlns="{MAIN}">{"".join(f"<si><t>{escape(t)}</t></si>" for t in texts)}</sst>'.encode()


def many_shared_strings(count: int, first: str = "id") -> Iterable[bytes]:
    """A shared strings part of `count` one-letter strings (the first one `first`), in chunks."""
    yield f'<sst xmlns="{MAIN}"><si><t>{first}</t></si>'.encode()
    block = b"<si><t>x</t></si>" * 100_000
    left = count - 1
    while left > 0:
        yield block[: 17 * min(left, 100_000)]
        left -= 100_000
    yield b"</sst>"
