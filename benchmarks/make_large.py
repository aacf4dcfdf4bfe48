#!/usr/bin/env python3
"""Generate large, realistic inputs for benchmarking `adapt` (deterministic, seeded).

Writes OUTDIR/large-guide.docx (~300 pages: 6,000 headings, paragraphs and tables, 60 footnotes, 30 text
boxes, header, footer, 4 photo-like images), OUTDIR/large-deck.pptx (150 slides with notes, tables, groups,
master text, pictures), their DENSE twins OUTDIR/dense-guide.docx (most paragraphs, 300 footnotes and 60
text boxes hold terms, most occurrences split across runs) and OUTDIR/dense-deck.pptx (every slide and every
notes page holds several terms), OUTDIR/terms.csv (200 rows, ~30% of which occur) and OUTDIR/terms-2000.csv
(the same 200 rows first, then 1,800 more a statewide, a region's and a county's glossary could hold). python-docx and python-pptx
build them; lxml then rewrites Word's paragraphs the way Word saves them: rsids, full run properties, text
split into runs anywhere (inside terms too) with proofing marks and bookmarks between. Entries are
re-zipped with a fixed date, so the bytes are reproducible.

Usage: python benchmarks/make_large.py OUTDIR [--seed N]
"""
from __future__ import annotations

import argparse
import copy
import csv
import datetime as dt
import io
import random
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.shared import Inches
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.shapes.autoshape import Shape
from pptx.util import Inches as PIn
from pptx.util import Pt as PPt

SEED = 20260115
INPUTS = ("large-guide.docx", "large-deck.pptx", "dense-guide.docx", "dense-deck.pptx")
ZIP_DATE = (2026, 1, 15, 0, 0, 0)
FIXED = dt.datetime(2026, 1, 15)
FN, TEXTBOX = "\u00a7FN\u00a7", "\u00a7TEXTBOX\u00a7"  # sentinels the Word post-processing replaces
NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
      "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
      "v": "urn:schemas-microsoft-com:vml", "o": "urn:schemas-microsoft-com:office:office"}


def w(name: str) -> str:
    return f"{{{NS['w']}}}{name}"


# -- terminology: "term = replacement" rows the prose uses; invented rows fill the list to 200 --
USED_TERMS = [tuple(row.strip().split(" = ")) for row in """
Child Welfare Services = Department of Children and Family Services; CWS = DCFS;
Emergency Response = Intake and Emergency Response; social worker = children's social worker;
social workers = children's social workers; eligibility worker = eligibility specialist;
eligibility workers = eligibility specialists; employment services worker = employment counselor;
county welfare department = Health and Human Services Agency;
Employment Services = Employment and Training Services; Welfare-to-Work = WorkBridge; WTW = WorkBridge;
Family Maintenance = Home-Based Services; Family Reunification = Reunification Services;
Family Stabilization = Family Stabilization (ETA); Child and Family Team meeting = CFT meeting;
CFT = Child and Family Team; foster parent = resource parent; foster parents = resource parents;
food stamps = CalFresh; welfare recipient = CalWORKs participant; case plan = family case plan;
case manager = care coordinator; ICWA = Indian Child Welfare Act (ICWA); CCR = Continuum of Care Reform (CCR);
Regional Training Academy = Regional Training Academy (RTA);
Department of Social Services = California Department of Social Services;
Adult Protective Services = Adult Services Division; juvenile court = dependency court;
dependency investigator = court investigator; Structured Decision Making = SDM assessment;
SDM = Structured Decision Making (SDM); Cal-Learn = Cal-Learn teen program;
Family Preservation = Family Strengthening Services; Differential Response = Community Response;
mandated reporter = mandated child abuse reporter; intake worker = intake screener;
job developer = employment specialist; orientation and appraisal = WorkBridge orientation;
homeless assistance = Homeless Assistance Program; Housing Support Program = HSP housing program;
HSP = Housing Support Program; Bringing Families Home = BFH housing program;
Stage One child care = Stage 1 Child Care; team decision making = TDM meeting; TDM = Team Decision Making;
Independent Living Program = ILP Services; ILP = Independent Living Program;
kinship caregiver = relative caregiver; public health nurse = PHN;
behavioral health clinician = Behavioral Wellness clinician; domestic violence advocate = DV advocate;
Family Urgent Response System = FURS; Linkages coordinator = Linkages liaison;
court report = jurisdiction report; safety organized practice = Safety Organized Practice (SOP);
CalWORKs = CalWORKs (TANF); Resource Family Approval = RFA; program manager = division manager;
hotline screener = hotline social worker
""".split(";")]
PLACES = ["North", "South", "East", "West", "Valley", "Coastal", "Mountain", "Desert", "Delta", "Harbor"]
UNITS = ["Intake", "Placement", "Adoptions", "Licensing", "Wraparound", "Kinship", "Prevention",
         "Youth Services", "Eligibility", "Quality Assurance", "Fiscal", "Records"]
KINDS, JOBS = ["Unit", "Bureau", "Section", "Office"], ["navigator", "liaison", "analyst", "aide", "technician"]
AREAS = ["kinship", "wraparound", "placement", "licensing", "records", "fiscal", "visitation", "transport"]


def make_terms(rng: random.Random, count: int = 200) -> list[tuple[str, str]]:
    """The used rows, then invented ones (named units, job titles, acronyms) up to ``count``;
    the same seed gives the same first rows whatever the count."""
    rows = {term.lower(): (term, repl) for term, repl in USED_TERMS}
    while len(rows) < count:
        acronym = "".join(rng.choice("BDFGHJKLMNPQVXZ") for _ in range(rng.choice((3, 4))))
        term, repl = rng.choice([
            (f"{rng.choice(PLACES)} {rng.choice(UNITS)} {rng.choice(KINDS)}", f"{rng.choice(PLACES)} Region Office"),
            (f"{rng.choice(AREAS)} {rng.choice(JOBS)}", f"{rng.choice(AREAS)} {rng.choice(JOBS)} II"),
            (acronym, f"{acronym}-{rng.choice(UNITS)}")])
        if len(rows) >= 200 and rng.random() < 0.5:  # past the first 200: longer, county-specific names
            term = f"{rng.choice(PLACES)} {rng.choice(AREAS)} {rng.choice(JOBS)} {rng.choice(UNITS)}"
        rows.setdefault(term.lower(), (term, repl))
    return list(rows.values())


# -- prose ------------------------------------------------------------------------------------
ROLES = ["trainer", "participant", "new worker", "parent", "caregiver", "mentor", "team lead", "facilitator"]
DOCS = ["safety plan", "service plan", "referral form", "intake narrative", "contact log", "court timeline",
        "case notes", "assessment tool", "visitation schedule", "release of information"]
ACTIONS = ["reviews", "updates", "explains", "documents", "checks", "discusses", "signs", "shares"]
TIMES = ["within 24 hours", "before the first home visit", "at the thirty-day review", "after each hearing",
         "during the monthly meeting", "by the end of the week", "at every transition"]
GOALS = ["keep the family informed", "avoid duplicated appointments", "protect the child's safety",
         "meet the state timeline", "reduce the parent's paperwork", "build trust with the family"]
CONCERNS = ["missed appointments", "housing instability", "transportation barriers", "school attendance",
            "unpaid utility bills", "gaps in child care", "conflicting schedules"]
PLAIN = ["The {role} {action} the {doc} {time} to {goal}.",
         "{Time}, the {role} {action} the {doc} and notes any {concern}.",
         "When {concern} come up, the {role} {action} the {doc} with the family.",
         "In this activity, participants practise ways to {goal} while keeping the {doc} current.",
         "A short debrief follows, in which the {role} explains how the {doc} helps to {goal}.",
         "Ask the group which {concern} they have seen and how the {doc} recorded them.",
         "Most families can name at least one of these barriers: {concern}, {concern2} or both."]
WITH_TERM = ["The {role} coordinates with the {term} to {goal}.",
             "{Term} staff review the {doc} {time}.",
             "Ask how {term} fits into the {doc}, and who follows up on {concern}.",
             "{Term} is discussed again in the next section, with examples of {concern}.",
             "Remember that {term} and {term2} share responsibility for the {doc}.",
             "Before the {doc} is signed, the {term} confirms that the family can {goal}."]
CELLS = ["{Term}", "{Term} lead", "The {role}", "The {doc}", "{Time}", "To {goal}", "If {concern}"]  # table cells
HEADINGS = ["Working with {term}", "Roles of the {term} and the {role}", "Case example: {concern}",
            "Timelines for the {doc}", "How {term} and {term2} work together", "Practice session: the {doc}"]


def fill(rng: random.Random, templates: list[str]) -> str:
    term, term2 = (t for t, _ in rng.sample(USED_TERMS, 2))
    time = rng.choice(TIMES)
    return rng.choice(templates).format(
        role=rng.choice(ROLES), action=rng.choice(ACTIONS), doc=rng.choice(DOCS), time=time,
        Time=time[0].upper() + time[1:], goal=rng.choice(GOALS), concern=rng.choice(CONCERNS),
        concern2=rng.choice(CONCERNS), term=term, Term=term[0].upper() + term[1:], term2=term2)


def sentence(rng: random.Random, with_term: bool) -> str:
    return fill(rng, WITH_TERM if with_term else PLAIN)


def paragraph_text(rng: random.Random, dense: bool = False) -> str:
    """One or two sentences (~20 words); a third of paragraphs mention terms, or (dense) most
    sentences do, as in a guide written around the programs' names and roles."""
    if dense:
        return " ".join(sentence(rng, rng.random() < 0.8) for _ in range(1 if rng.random() < 0.5 else 2))
    count, term_at = (1 if rng.random() < 0.6 else 2), (0 if rng.random() < 0.34 else -1)
    return " ".join(sentence(rng, i == term_at) for i in range(count))


def pieces(rng: random.Random, text: str, max_random: int = 5) -> list[str]:
    """Text cut into runs at arbitrary places, and inside most term occurrences (as Word's edits leave)."""
    points = {rng.randrange(1, len(text)) for _ in range(rng.randint(0, max_random))} if len(text) > 1 else set()
    lowered = text.lower()
    for term, _ in USED_TERMS:
        start = (lowered if term == term.lower() else text).find(term)
        if start >= 0 and rng.random() < 0.6:
            points.add(start + rng.randrange(1, len(term)))
    cuts = [0, *sorted(points), len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]


def photo(rng: random.Random, size: tuple[int, int], fmt: str, grain: float = 0.12) -> bytes:
    """A photo-like image: smooth colour fields plus sensor grain, so it compresses like a photo."""
    base = Image.frombytes("RGB", (6, 4), rng.randbytes(72)).resize(size, Image.BICUBIC)
    noise = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    out = io.BytesIO()
    Image.blend(base, noise, grain).save(out, fmt, **({"quality": 88} if fmt == "JPEG" else {}))
    return out.getvalue()


def fix_properties(props, title: str) -> None:
    props.title, props.author, props.created, props.modified, props.revision = \
        title, "curriculum-kit benchmarks", FIXED, FIXED, 1


def rezip(data: bytes, path: Path, replace: dict[str, bytes], add: dict[str, bytes]) -> None:
    """Re-zip with a fixed date (reproducible bytes), replacing some entries and adding others."""
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, blob in [*((i.filename, replace.get(i.filename) or src.read(i)) for i in src.infolist()),
                           *add.items()]:
            entry = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            dst.writestr(entry, blob)


# -- Word -------------------------------------------------------------------------------------
class WordLook:
    """Rewrites python-docx's one-run paragraphs the way Word saves them; collects footnotes."""

    def __init__(self, rng: random.Random, dense: bool = False):
        self.rng, self.bookmark, self.footnotes, self.dense = rng, 0, [], dense
        self.rsids = [f"00{rng.randrange(16 ** 6):06X}" for _ in range(14)]

    def paragraph(self, p, text: str, max_random: int = 5) -> None:
        rng = self.rng
        for child in p.findall(w("r")):
            p.remove(child)
        names = ["rsidR", "rsidRDefault"] + (["rsidP"] if rng.random() < 0.5 else [])
        p.attrib.update({w(name): rng.choice(self.rsids) for name in names})
        if "w14" in p.nsmap:  # Word 2010+ paragraph ids
            p.attrib.update({f"{{{NS['w14']}}}{k}": f"{rng.randrange(0x7FFFFFFF):08X}" for k in ("paraId", "textId")})
        for index, chunk in enumerate(text.split(FN)):
            if index:
                self.footnotes.append(paragraph_text(rng, self.dense))
                etree.SubElement(self.run(p, None, "superscript"), w("footnoteReference"),
                                 {w("id"): str(len(self.footnotes))})
            for piece in pieces(rng, chunk, max_random):
                roll = rng.random()
                if roll < 0.10:  # a spell-check pair around the run
                    etree.SubElement(p, w("proofErr")).set(w("type"), "spellStart")
                    self.run(p, piece)
                    etree.SubElement(p, w("proofErr")).set(w("type"), "spellEnd")
                elif roll < 0.14:  # one of Word's hidden _Hlk bookmarks around the run
                    self.bookmark += 1
                    etree.SubElement(p, w("bookmarkStart"), {w("id"): str(self.bookmark),
                                                             w("name"): f"_Hlk{rng.randrange(10 ** 8, 10 ** 9)}"})
                    self.run(p, piece)
                    etree.SubElement(p, w("bookmarkEnd")).set(w("id"), str(self.bookmark))
                else:
                    self.run(p, piece)

    def run(self, p, text: str | None, vert_align: str | None = None):
        r = etree.SubElement(p, w("r"), {w("rsidR"): self.rng.choice(self.rsids)})
        if self.rng.random() < 0.3:
            r.set(w("rsidRPr"), self.rng.choice(self.rsids))
        rpr = etree.SubElement(r, w("rPr"))
        etree.SubElement(rpr, w("rFonts"), {w("ascii"): "Calibri", w("hAnsi"): "Calibri", w("cs"): "Calibri"})
        if (roll := self.rng.random()) < 0.07:
            etree.SubElement(rpr, w("b" if roll < 0.04 else "i"))
        etree.SubElement(rpr, w("sz"), {w("val"): "22"})
        etree.SubElement(rpr, w("szCs"), {w("val"): "22"})
        if vert_align:
            etree.SubElement(rpr, w("vertAlign"), {w("val"): vert_align})
        etree.SubElement(rpr, w("lang"), {w("val"): "en-US"})
        if text is not None:
            t = etree.SubElement(r, w("t"))
            t.text = text
            if text != text.strip():
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return r

    def footnotes_xml(self) -> bytes:
        separators = "".join(f'<w:footnote w:type="{kind}" w:id="{i}"><w:p><w:r><w:{kind}/></w:r></w:p></w:footnote>'
                             for i, kind in ((-1, "separator"), (0, "continuationSeparator")))
        root = etree.fromstring(f'<w:footnotes xmlns:w="{NS["w"]}" xmlns:w14="{NS["w14"]}" xmlns:mc="{NS["mc"]}" '
                                f'mc:Ignorable="w14">{separators}</w:footnotes>')
        for number, text in enumerate(self.footnotes, start=1):
            p = etree.SubElement(etree.SubElement(root, w("footnote"), {w("id"): str(number)}), w("p"))
            etree.SubElement(etree.SubElement(p, w("pPr")), w("pStyle"), {w("val"): "FootnoteText"})
            self.paragraph(p, " " + text)
            p.insert(1, self.run(p, None, vert_align="superscript"))
            etree.SubElement(p[1], w("footnoteRef"))
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def textbox_run(self, number: int):
        """A Word 2010+ text box: DrawingML (mc:Choice) and its VML copy (mc:Fallback), same runs."""
        declarations = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
        run = etree.fromstring(TEXTBOX_XML.replace("\n", "").format(declarations, id=number, spid=1024 + number))
        paragraphs = []
        for index in range(self.rng.randint(2, 4)):
            paragraphs.append(p := etree.Element(w("p"), nsmap={"w": NS["w"]}))
            self.paragraph(p, f"Practice tip {number}" if index == 0 else paragraph_text(self.rng, self.dense))
        for content in run.iter(w("txbxContent")):
            content.extend(copy.deepcopy(paragraphs))
        return run


FOOTNOTES_PART = [
    ("word/_rels/document.xml.rels", "</Relationships>", '<Relationship Id="rIdFootnotes" Target="footnotes.xml" '
     'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"/>'),
    ("[Content_Types].xml", "</Types>", '<Override PartName="/word/footnotes.xml" ContentType="application/'
     'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>')]
TEXTBOX_XML = """<w:r {0}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="91440" distB="91440" distL="114300" distR="114300" simplePos="0" relativeHeight="25165{id:04d}"
 behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH
 relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph">
<wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="5943600" cy="1143000"/><wp:wrapTopAndBottom/>
<wp:docPr id="{spid}" name="Text Box {id}"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData
 uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/>
<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5943600" cy="1143000"/></a:xfrm><a:prstGeom prst="rect">
<a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="EAF1FB"/></a:solidFill></wps:spPr>
<wps:txbx><w:txbxContent/></wps:txbx><wps:bodyPr wrap="square" anchor="t"><a:spAutoFit/></wps:bodyPr>
</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>
<v:shape id="Text Box {id}" o:spid="_x0000_s{spid}" type="#_x0000_t202" fillcolor="#eaf1fb"
 style="position:absolute;margin-left:0;margin-top:0;width:468pt;height:90pt;z-index:251659264">
<v:textbox style="mso-fit-shape-to-text:t"><w:txbxContent/></v:textbox></v:shape></w:pict></mc:Fallback>
</mc:AlternateContent></w:r>"""


def build_guide(rng: random.Random, path: Path, items: int = 6000, dense: bool = False) -> None:
    """The guide; ``dense``: most paragraphs hold terms, and five times the footnotes and
    twice the text boxes (every 20th and 100th item), which hold terms too."""
    footnote_every, textbox_every = (20, 100) if dense else (100, 200)
    doc = Document()
    fix_properties(doc.core_properties, "Linkages guide (large benchmark)")
    doc.sections[0].header.paragraphs[0].text = "Child Welfare Services and CalWORKs | Regional Training Academy"
    doc.sections[0].footer.paragraphs[0].text = "Social workers, eligibility workers and the county welfare department"
    images = {301: photo(rng, (900, 600), "PNG"), 1801: photo(rng, (2000, 1500), "JPEG"),
              3301: photo(rng, (1600, 1200), "JPEG"), 4801: photo(rng, (1400, 1050), "JPEG")}
    for i in range(items):  # the residues below never collide, so every kind keeps its count
        if i % 15 == 0:
            doc.add_heading(fill(rng, HEADINGS), 1 if i % 60 == 0 else 2)
        elif i % 50 == 27:
            table = doc.add_table(rows=5, cols=4)
            table.style = "Table Grid"
            for cell in (cell for row in table.rows for cell in row.cells):
                cell.text = fill(rng, CELLS)
        elif i % textbox_every == 13 + 100 * (not dense):
            doc.add_paragraph(TEXTBOX)
        elif i in images:
            doc.add_picture(io.BytesIO(images[i]), width=Inches(6))
        else:
            text = paragraph_text(rng, dense)
            if i % footnote_every == 41 % footnote_every:  # a footnote reference after the first sentence
                first, _, rest = text.partition(". ")
                text = f"{first}.{FN} {rest}" if rest else text + FN
            doc.add_paragraph(text)
    doc.save(saved := io.BytesIO())
    look, replace = WordLook(rng, dense), {}
    with zipfile.ZipFile(saved) as package:
        for name in [n for n in package.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]:
            root, textboxes = etree.fromstring(package.read(name)), 0
            for p in list(root.iter(w("p"))):
                text = "".join(t.text or "" for t in p.iter(w("t")))
                if text == TEXTBOX:
                    textboxes += 1
                    look.paragraph(p, "")  # only the paragraph's rsids, no runs
                    p.append(look.textbox_run(textboxes))
                elif text:  # (a picture's paragraph has no text: it stays as python-docx wrote it)
                    look.paragraph(p, text, 1 if p.find(f"{w('pPr')}/{w('pStyle')}") is not None else 5)
            replace[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        for name, end, entry in FOOTNOTES_PART:  # register the footnotes part
            replace[name] = package.read(name).decode().replace(end, entry + end).encode()
    rezip(saved.getvalue(), path, replace, {"word/footnotes.xml": look.footnotes_xml()})


# -- PowerPoint -------------------------------------------------------------------------------
def add_runs(paragraph, rng: random.Random, text: str, size: int | None = None, link_rate: float = 0.0) -> None:
    """Text as several runs, as PowerPoint leaves it: lang/dirty, some spell-check errors, links."""
    for piece in pieces(rng, text, 3):
        run = paragraph.add_run()
        run.text = piece
        rpr = run._r.get_or_add_rPr()
        rpr.attrib.update({"lang": "en-US", "dirty": "0", **({"err": "1"} if rng.random() < 0.12 else {})})
        if size:
            run.font.size = PPt(size)
        if rng.random() < link_rate:
            run.hyperlink.address = f"https://training.example.org/linkages/{rng.randrange(40)}"


def build_deck(rng: random.Random, path: Path, slides: int = 150, dense: bool = False) -> None:
    """The deck; ``dense``: every sentence of every slide and notes page holds a term."""
    body_rate, notes_rate = (1.0, 1.0) if dense else (0.4, 0.35)
    prs = Presentation()
    fix_properties(prs.core_properties, "Linkages deck (large benchmark)")
    master = prs.slide_master.shapes  # MasterShapes has no add_textbox: go through the shape tree
    sp = master._spTree.add_textbox(master._next_shape_id, "Footer text", PIn(0.5), PIn(7.0), PIn(9), PIn(0.4))
    add_runs(Shape(sp, master).text_frame.paragraphs[0], rng,
             "Child Welfare Services and CalWORKs | Regional Training Academy", 11)
    pictures = {17: photo(rng, (1600, 1200), "JPEG"), 73: photo(rng, (1400, 1050), "JPEG"),
                127: photo(rng, (1200, 900), "JPEG")}
    for i in range(slides):
        table = i % 10 == 9  # layouts: 5 title only, 1 title and content
        slide = prs.slides.add_slide(prs.slide_layouts[5 if table else 1])
        add_runs(slide.shapes.title.text_frame.paragraphs[0], rng, fill(rng, HEADINGS))
        if table:
            grid = slide.shapes.add_table(5, 4, PIn(0.5), PIn(1.6), PIn(9), PIn(4)).table
            for cell in (grid.cell(r, c) for r in range(5) for c in range(4)):
                add_runs(cell.text_frame.paragraphs[0], rng, fill(rng, CELLS), 12)
        else:
            frame = slide.placeholders[1].text_frame
            for b in range(rng.randint(4, 6)):
                add_runs(frame.paragraphs[0] if b == 0 else frame.add_paragraph(), rng,
                         sentence(rng, rng.random() < body_rate), 20, link_rate=0.04)
        if i % 30 == 14:
            group = slide.shapes.add_group_shape()
            for k in range(2):
                box = group.shapes.add_textbox(PIn(0.5 + 4.6 * k), PIn(6.2), PIn(4.4), PIn(0.8))
                add_runs(box.text_frame.paragraphs[0], rng, sentence(rng, True), 14)
        if i in pictures:
            slide.shapes.add_picture(io.BytesIO(pictures[i]), PIn(6.5), PIn(4.5), width=PIn(3))
        notes, count = slide.notes_slide.notes_text_frame, rng.randint(3, 6)
        for n, start in enumerate(range(0, count, 3)):  # 3-6 sentences in one or two paragraphs
            add_runs(notes.paragraphs[0] if n == 0 else notes.add_paragraph(), rng,
                     " ".join(sentence(rng, rng.random() < notes_rate) for _ in range(min(3, count - start))))
    prs.save(saved := io.BytesIO())
    rezip(saved.getvalue(), path, {}, {})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    rows = make_terms(random.Random(args.seed), 2000)
    for name, count in (("terms.csv", 200), ("terms-2000.csv", 2000)):  # first the used rows
        with open(args.outdir / name, "w", newline="", encoding="utf-8") as stream:
            csv.writer(stream).writerows([("term", "replacement"), *rows[:count]])
    build_guide(random.Random(args.seed + 1), args.outdir / "large-guide.docx")
    build_deck(random.Random(args.seed + 2), args.outdir / "large-deck.pptx")
    build_guide(random.Random(args.seed + 3), args.outdir / "dense-guide.docx", dense=True)
    build_deck(random.Random(args.seed + 4), args.outdir / "dense-deck.pptx", dense=True)
    for name in (*INPUTS, "terms.csv", "terms-2000.csv"):
        print(f"{args.outdir / name}  {(args.outdir / name).stat().st_size / 1e6:.2f} MB")

if __name__ == "__main__":
    main()
