"""The selected node's figures as cards and charts, from its rollups (the sub-tree total
and the units directly below it): members, dues due/collected/remitted and the rates,
activities, and the units below by state. Charts are inline SVG drawn here: no script,
nothing to install, readable by a screen reader (role='img' and a title) and printable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import escape

from server.reports.service import UnitFigures, current_members

# Remittance is measured against this share of the dues collected: 30 % under the
# federation's rules since 2023 (each PC records the share it applied in its remittance,
# but the rollups keep only the amounts).
EXPECTED_SHARE_BP = 3000
ACTIVITY_LABELS = {"hop": "Họp, hội nghị", "tham_hoi": "Thăm hỏi, trợ cấp", "ky_niem": "Kỷ niệm, tặng quà",
                   "tap_huan": "Tập huấn, đào tạo", "van_the": "Văn hóa, thể thao", "khen_thuong": "Khen thưởng",
                   "khac": "Hoạt động khác"}
LEAVING = ("left", "expelled", "deceased")
CHART_MONTHS = 12


def n(value: int) -> str:
    """1234567 → "1.234.567" (the Vietnamese thousands dot)."""
    return f"{value:,}".replace(",", ".")


def pct(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}".replace(".", ",") + " %" if whole else "—"


def expected_remittance(collected: int) -> int:
    return collected * EXPECTED_SHARE_BP // 10_000


def quarter_months(today: date) -> set[str]:
    first = (today.month - 1) // 3 * 3 + 1
    return {f"{today.year}-{m:02d}" for m in range(first, first + 3)}


@dataclass(frozen=True)
class UnitState:
    synced_30: bool
    remitted_quarter: bool


def synced_30(last_sync: str | None, silent: int, now: datetime) -> bool:
    """Whether a row counts as synced in the last 30 days, for the filter "Chưa đồng bộ 30
    ngày" and the chart of states: a PC of its sub-tree synced in that time, and no unit of
    it that has PCs is silent. The latest sync alone would let a commune union whose one
    unit synced yesterday hide the ten below it that have not for months; the silent count
    alone would pass a unit that never enrolled a PC."""
    limit = (now - timedelta(days=30)).isoformat(sep=" ", timespec="seconds")
    return last_sync is not None and last_sync >= limit and not silent


def state(f: UnitFigures, now: datetime) -> UnitState:
    """synced_30 as the units table's filter "Chưa đồng bộ 30 ngày" means it."""
    quarter = quarter_months(now.date())
    return UnitState(synced_30(f.last_sync_below, f.silent_below or 0, now),
                     any(v > 0 for m, v in f.remitted_by_month.items() if m in quarter))


def _card(label: str, value: str, note: str = "") -> str:
    extra = f"<span class='note'>{escape(note)}</span>" if note else ""
    return f"<div class='card'><span class='label'>{escape(label)}</span><span class='value'>{value}</span>{extra}</div>"


def render(total: UnitFigures, below: list[UnitFigures], now: datetime) -> str:
    """Cards, then the charts, for a node whose sub-tree total is `total` and whose direct
    children are `below`."""
    members = current_members(total)
    women = total.current_by_gender.get("Nữ", 0)
    events: dict[str, int] = {}
    for by_kind in total.events_by_month.values():
        for kind, count in by_kind.items():
            events[kind] = events.get(kind, 0) + count
    due, collected = sum(total.dues_due_by_month.values()), sum(total.dues_collected_by_month.values())
    remitted, expected = sum(total.remitted_by_month.values()), expected_remittance(collected)
    activities = sum(total.activities_by_kind.values())
    top = sorted(total.activities_by_kind.items(), key=lambda kv: -kv[1])[:2]
    cards = [
        _card("Đoàn viên đang sinh hoạt", n(members)),
        _card("Nữ", n(women), f"{pct(women, members)} số đoàn viên"),
        _card("Kết nạp mới", n(events.get("admitted", 0)), f"chuyển đến {n(events.get('transferred_in', 0))}"),
        _card("Ra khỏi tổ chức", n(sum(events.get(k, 0) for k in LEAVING)),
              f"chuyển đi {n(events.get('transferred_out', 0))}"),
        _card("Đoàn phí phải thu", f"{n(due)} đ"),
        _card("Đoàn phí đã thu", f"{n(collected)} đ", f"tỷ lệ thu {pct(collected, due)}"),
        _card("Đã nộp cấp trên", f"{n(remitted)} đ",
              f"{pct(remitted, expected)} của {n(expected)} đ phải nộp ({EXPECTED_SHARE_BP // 100} % số đã thu)"),
        _card("Hoạt động", n(activities), ", ".join(f"{ACTIVITY_LABELS.get(k, k)} {n(v)}" for k, v in top)),
    ]
    parts = [("<section aria-labelledby='figures-title'><h2 id='figures-title'>Số liệu tổng hợp"
             " (gồm các đơn vị trực thuộc, các tháng đã đồng bộ)</h2>"),
             f"<div class='cards'>{''.join(cards)}</div><div class='charts'>", dues_chart(total)]
    if below:
        parts.append(states_chart([state(f, now) for f in below]))
    parts.append("</div></section>")
    return "".join(parts)


def dues_chart(total: UnitFigures) -> str:
    """Due, collected and remitted per month (the last CHART_MONTHS months with any), as
    grouped bars."""
    months = sorted((set(total.dues_due_by_month) | set(total.dues_collected_by_month)
                     | set(total.remitted_by_month)) - {""})[-CHART_MONTHS:]
    title = "Đoàn phí phải thu, đã thu, đã nộp cấp trên theo tháng"
    if not months:
        return f"<figure class='chart'><figcaption>{title}</figcaption><p>Chưa có số liệu đoàn phí.</p></figure>"
    series = [("Phải thu", total.dues_due_by_month, "#9fb7d0"), ("Đã thu", total.dues_collected_by_month, "#2a6fb0"),
              ("Đã nộp cấp trên", total.remitted_by_month, "#e08a1e")]
    top = max([1] + [d.get(m, 0) for _l, d, _c in series for m in months])
    width, height, left, bottom, plot = 640, 250, 8, 48, 176
    slot = (width - left * 2) / len(months)
    bar = min(28.0, slot / 4)
    shapes = [f"<line x1='{left}' y1='{height - bottom}' x2='{width - left}' y2='{height - bottom}' stroke='#888'/>",
              f"<text x='{left}' y='18' class='axis'>cao nhất {n(top)} đ</text>"]
    for i, m in enumerate(months):
        x0 = left + i * slot + (slot - 3 * bar) / 2
        for j, (label, data, colour) in enumerate(series):
            value = data.get(m, 0)
            h = value / top * plot
            shapes.append(f"<rect x='{x0 + j * bar:.1f}' y='{height - bottom - h:.1f}' width='{bar - 2:.1f}' "
                          f"height='{h:.1f}' fill='{colour}'><title>{label} {m[5:7]}/{m[:4]}: {n(value)} đ</title></rect>")
        # The month's number under its bars, the year under the first month and each January:
        # short enough for twelve months at a phone's width.
        mid = left + i * slot + slot / 2
        shapes.append(f"<text x='{mid:.1f}' y='{height - bottom + 18}' class='axis' text-anchor='middle'>{m[5:7]}</text>")
        if i == 0 or m.endswith("-01"):
            shapes.append(f"<text x='{mid:.1f}' y='{height - 2}' class='axis' text-anchor='middle'>{m[:4]}</text>")
    legend = "".join(f"<span><i style='background:{c}'></i>{escape(label)}</span>" for label, _d, c in series)
    summary = "; ".join(f"{m[5:7]}/{m[:4]}: phải thu {n(total.dues_due_by_month.get(m, 0))} đ, đã thu "
                        f"{n(total.dues_collected_by_month.get(m, 0))} đ, đã nộp {n(total.remitted_by_month.get(m, 0))} đ"
                        for m in months)
    return (f"<figure class='chart'><figcaption>{title}</figcaption>"
            f"<svg viewBox='0 0 {width} {height}' role='img' aria-label='{escape(title)}: {escape(summary)}'>"
            f"{''.join(shapes)}</svg><p class='legend'>{legend}</p></figure>")


def states_chart(states: list[UnitState]) -> str:
    """The units directly below: every grassroots unit of each synced within 30 days or not,
    remitted this quarter or not, as two stacked bars."""
    total = len(states)
    rows = [("Đồng bộ trong 30 ngày", sum(s.synced_30 for s in states), "Chưa đồng bộ 30 ngày"),
            ("Đã nộp cấp trên quý này", sum(s.remitted_quarter for s in states), "Chưa nộp quý này")]
    title = f"Đơn vị trực thuộc theo tình trạng ({n(total)} đơn vị)"
    width, bar_h = 640, 26
    shapes, texts = [], []
    for i, (yes_label, yes, no_label) in enumerate(rows):
        y = 30 + i * 56
        w = (width - 16) * yes / total
        shapes.append(f"<text x='8' y='{y - 6}' class='axis'>{yes_label}: {n(yes)} · {no_label}: {n(total - yes)}</text>"
                      f"<rect x='8' y='{y}' width='{width - 16}' height='{bar_h}' fill='#f2b8a6'>"
                      f"<title>{no_label}: {n(total - yes)}</title></rect>"
                      f"<rect x='8' y='{y}' width='{w:.1f}' height='{bar_h}' fill='#3f9a5b'>"
                      f"<title>{yes_label}: {n(yes)}</title></rect>")
        texts.append(f"{yes_label} {n(yes)}, {no_label.lower()} {n(total - yes)}")
    legend = ("<span><i style='background:#3f9a5b'></i>Đã làm</span>"
              "<span><i style='background:#f2b8a6'></i>Chưa làm</span>")
    return (f"<figure class='chart'><figcaption>{escape(title)}</figcaption>"
            f"<svg viewBox='0 0 {width} 124' role='img' aria-label='{escape(title)}: {escape('; '.join(texts))}'>"
            f"{''.join(shapes)}</svg><p class='legend'>{legend}</p><p class='note'>Đồng bộ: có máy của đơn vị đó "
            "(hoặc của đơn vị dưới nó) đồng bộ trong 30 ngày, và không đơn vị nào dưới nó có máy mà đã quá 30 ngày chưa "
            "đồng bộ (như bộ lọc «Chưa đồng bộ 30 ngày» của bảng); nộp "
            "cấp trên: của đơn vị và các đơn vị dưới nó.</p></figure>")
