"""How often things happen in synthetic forms, as odds per thousand (integers, so draws are exact).

Where the numbers come from (docs/synth.md says the same for readers):

- Indicator verdicts: tests/data/indicators.jsonl, 237 real indicators from 29 published forms and
  the seed: 85 % met, 10 % not met, 5 % unverifiable. The synthetic forms use 88 % met and 9 % not met
  among clean indicators; unverifiable ones are planted mistakes (about 3 %), since in the real set
  most unverifiable rows are import damage, which synthetic forms do not have.
- Target writing: the same file, grid rows: 52 % bare values ("214人"), 20 % with ≥ / >= / ≧,
  16 % words or qualitative, the rest = / ﹦ / ≤. Guangzhou 关键指标 write the target into the name
  ("好评率95%以上", "事项数≥200项", "不少于10个").
- Execution rates: ../shared/corpus/funds.jsonl (8 forms: 5 at 100 %, then 97.13 %, 83.5 %, 76 %) and
  LAYOUTS.md (10.77 %). Project forms: half at 100 %. Department forms are thin in the corpus (the
  seed: 97.13 %); assumed mostly 90–100 % (Guangzhou districts publish department rates in that
  range and must explain anything below 90 %).
- Adjustment rates: the seed's 1.83 % (调减) is all the corpus gives; assumed: a third of bodies
  unchanged, a third cut by up to 10 %, a third raised by up to 25 % (mid-year 追加 is common).
- Mistakes: the seed has a rate misreported by 0.03 points, a task without funds, five empty and one
  truncated indicator name (import damage), one rate stated twice differently; the corpus has full
  marks despite a shortfall in 3 of 22 scored not-met rows (14 %), an execution score of 10/10 at
  83.5 %, a total that rounds 2.154 up to 2.16. Rates per form below are assumptions in that spirit,
  set so that a 50,000-form set holds every kind many times and most forms stay clean.
"""

from __future__ import annotations

# Per-thousand odds: a dict of outcome → odds; the rest of 1000 is "none of these".
Odds = dict[str, int]

# Execution rate bands (basis points of a percent: 10000 = 100.00 %), as (odds, low, high).
DEPARTMENT_EXECUTION = (
    (60, 10000, 10000),
    (600, 9500, 9999),
    (220, 9000, 9499),
    (90, 8000, 8999),
    (30, 6000, 7999),
)
PROJECT_EXECUTION = (
    (500, 10000, 10000),
    (300, 9500, 9999),
    (120, 8500, 9499),
    (60, 6000, 8499),
    (20, 1000, 5999),
)

# Adjustment: (odds, low, high) of (adjusted − initial) ÷ initial in basis points.
ADJUSTMENT = ((340, 0, 0), (330, -1000, -10), (330, 10, 2500))

# Indicator outcome among clean indicators.
NOT_MET = 90  # per thousand indicators
OVERSHOOT = 80  # met by far (target set too low): the engine's ambition notice

# Year over year, for quantitative targets from the second year on.
CONTINUITY: Odds = {"copied": 300, "below_last_actual": 150, "lowered": 50}  # the rest is "raised"

# How a department form writes its 关键指标: the target inside the name (Guangzhou) or split.
TARGET_IN_NAME = 750

# Mistakes, per thousand forms (or per thousand indicators where marked).
DEPARTMENT_MISTAKES: Odds = {
    "execution_rate_misreported": 100,
    "adjustment_rate_misreported": 40,
    "adjustment_gross": 30,
    "lines_exceed_total": 20,
    "task_funds_in_yuan": 10,
    "task_funds_missing": 80,
    "claimed_all_met_with_shortfall": 60,
    "claimed_count_mismatch": 50,
    "key_project_counts_mismatch": 40,
    "key_project_missing": 20,
    "figure_stated_twice": 30,
    "problems_missing": 20,
}
PROJECT_MISTAKES: Odds = {
    "execution_rate_misreported": 50,
    "execution_score_misreported": 40,
    "claimed_all_met_with_shortfall": 250,  # of forms with a not-met indicator
    "lines_exceed_total": 10,
    "score_above_weight": 5,
    "total_misadded": 30,
    "grade_inconsistent": 20,
}
INDICATOR_MISTAKES: Odds = {  # per thousand indicators
    "unmeasurable_result": 20,
    "indicator_name_missing": 4,
    "indicator_name_truncated": 3,
    "result_missing": 5,
}
NOT_MET_FULL_SCORE = 150  # per thousand not-met indicators of project forms (corpus: 3 of 22)

# Spot checks: per thousand project forms, and how many of those differ beyond the gap.
SPOT_CHECKED = 80
SPOT_CHECK_FAR = 250

# Regions that score by the 20/80 split (LAYOUTS.md P3), per thousand regions (never 天河区).
SPLIT_20_80 = 150


def pick(rng_value: int, bands: tuple[tuple[int, int, int], ...]) -> tuple[int, int]:
    """Return the (low, high) of the band that ``rng_value`` (0 ≤ value < total odds) falls in."""
    for odds, low, high in bands:
        if rng_value < odds:
            return low, high
        rng_value -= odds
    return bands[-1][1], bands[-1][2]


def total(bands: tuple[tuple[int, int, int], ...]) -> int:
    return sum(odds for odds, _, _ in bands)
