"""What the start-up snapshot runs before it is taken: one real answer from every calculator.

Running them imports every module the answers need and fills Python's caches (compiled regular
expressions among them), so the reader's first answer does not pay for that. These inputs are the
build's own: the build never reads the tests.
"""
from __future__ import annotations

import base64

_LEARNERS = [{"id": str(4000 + n), "name": f"Learner {n}", "mark": (n * 7) % 41,
              **({"absent": True} if n == 3 else {})} for n in range(30)]
_SHEET = "Candidate No\tName\tMark\n" + "".join(f"{6000 + n}\tLearner {n}\t{n % 30}\n" for n in range(25))
_CSV_TEXT = "id;name;mark\n1;Zoë Brontë;45\n2;Ann;12\n3;Bo;ABS\n"
_CSV = base64.b64encode(_CSV_TEXT.encode("utf-8")).decode("ascii")
# Excel's older "CSV" (Windows-1252) and UTF-16 text: their codecs must be in the snapshot, whose
# interpreter has no standard library files to import them from later.
_OTHER_ENCODINGS = [base64.b64encode(_CSV_TEXT.encode(encoding)).decode("ascii") for encoding in ("cp1252", "utf-16")]
_TRACKER = "Candidate No\tComponent\tSeries\tUMS\n" + "".join(
    f"{7000 + n}\t{component}\t{series}\t{n % 50}\n" for n in range(10)
    for component, series in ((1, "2025-06"), (2, "Jan 2026"), (3, "Summer 2026"), (1, "2026-06")))
_WIDE = "Candidate,C1 series,C1 UMS,C2 series,C3 series,C3 resit series\nA,2025-06,40,2026-01,2026-01,2026-06\n"
_REQUESTS = ("Candidate,Qualification,Component,Service,Received,Outcome date,Outcome date is,Consent,Appeal\n"
             "8001,GCSE,1MA1,Service 2,20/08/2025,2025-09-05,,yes,yes\n8002,BTEC Tech Award,BEN03,PS2,45890,,,,\n"
             "8003,A level,9MA0,annotations,2025-08-28,,,,\n8004,GCSE,1ET0,ATS,2025-08-21,,,,\n")


def cases() -> list[list]:
    """[name, inputs] pairs, answered in this order by the snapshot's build script."""
    return [
        ["deadline", {"rule": "romm-service-2", "date": "31/12/2024"}],
        ["deadline", {"rule": "appeal-after-review", "date": "2025-08-20", "start_basis": "letter-date",
                      "nation": "scotland"}],
        ["deadline", {"rule": "appeal-acknowledgement", "date": "2025-12-31", "nation": "scotland"}],
        ["deadline", {"rule": "not-a-rule", "date": ""}],
        ["key-dates", {"academic_year": "2024-25"}],
        ["key-dates", {"academic_year": "2026-27", "nation": "northern-ireland", "subject": "performing-arts"}],
        ["sample-size", {"cohort": 150, "series": "2026-01"}],
        ["sample-size", {"cohort": "12.5", "series": ""}],
        ["moderation-sample", {"series": "2026-06", "learners": _LEARNERS}],
        ["moderation-sample", {"series": "2026-06", "learners": _LEARNERS, "selected": "4001, 4003, 4005"}],
        ["moderation-sample", {"series": "2026-06", "subject": "sport", "learners": _LEARNERS}],
        ["moderation-sample", {"series": "2026-06", "marks": _SHEET}],
        ["moderation-sample", {"series": "2026-06", "file": {"name": "marks.csv", "data": _CSV}}],
        ["mark-sheet", {"marks": _SHEET}],
        *[["mark-sheet", {"file": {"name": "marks.csv", "data": data}}] for data in _OTHER_ENCODINGS],
        ["certification", {"subject": "standard", "attempts": [
            {"component": 1, "series": "2025-06", "ums": 40}, {"component": 2, "series": "2026-01"},
            {"component": 3, "series": "2026-01"}, {"component": 1, "series": "2026-06"}]}],
        ["certification", {"subject": "standard", "attempts": [{"component": 9, "series": "2025-03"}]}],
        ["after-january", {"subject": "standard", "series": "2026-01", "first": "yes", "happy": "no",
                           "resit": "yes"}],
        ["cohort-plan", {"subject": "standard", "model": "three-year-resit", "start_year": "2025"}],
        ["cohort-certification", {"subject": "standard", "tracker": _TRACKER}],
        ["cohort-certification", {"subject": "creative", "tracker": _WIDE}],
        ["post-results-requests", {"today": "2025-09-10", "nation": "scotland", "requests": _REQUESTS}],
    ]
