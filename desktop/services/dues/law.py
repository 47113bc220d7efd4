"""The dues law as dated rows (DOMAIN.md): a new decree is a new row that a user adds
here (or an update ships in a migration), never a change in the code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from desktop.models import BaseSalary, DuesRule, RemitRule
from desktop.services.core.context import Context
from desktop.services.core.errors import ValidationError
from desktop.services.core.money import money_bound_problem
from desktop.services.core.text import clean
from desktop.services.units.service import bp_to_percent, percent_to_bp


@dataclass(frozen=True)
class LawRow:
    kind: str  # base_salary | dues_rule | remit_rule
    effective_from: date
    text: str
    source: str


class LawService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def rows(self) -> list[LawRow]:
        with self.ctx.read() as s:
            out = [LawRow("base_salary", b.effective_from, f"Lương cơ sở {b.amount:,} đồng/tháng".replace(",", "."),
                          b.source)
                   for b in s.scalars(select(BaseSalary).where(BaseSalary.deleted_at.is_(None)))]
            for r in s.scalars(select(DuesRule).where(DuesRule.deleted_at.is_(None))):
                cap = f", tối đa {bp_to_percent(r.cap_bp)}% lương cơ sở" if r.cap_bp else ", không khống chế mức tối đa"
                out.append(LawRow("dues_rule", r.effective_from,
                                  f"Nhóm {r.unit_group}: {bp_to_percent(r.rate_bp)}% tiền lương{cap}; mức cố định tối "
                                  f"thiểu {bp_to_percent(r.fixed_min_bp)}% lương cơ sở", r.source))
            out += [LawRow("remit_rule", r.effective_from, f"Nộp cấp trên {bp_to_percent(r.share_bp)}% đoàn phí",
                           r.source) for r in s.scalars(select(RemitRule).where(RemitRule.deleted_at.is_(None)))]
        return sorted(out, key=lambda r: (r.effective_from, r.kind, r.text))

    @staticmethod
    def _check(effective_from: date, source: str | None) -> str:
        errors = {}
        src = clean(source)
        if effective_from.day != 1:
            errors["effective_from"] = "ngày hiệu lực phải là ngày 1 của tháng (đoàn phí tính theo tháng)."
        if not src:
            errors["source"] = "ghi văn bản quy định (ví dụ NĐ 161/2026/NĐ-CP)."
        if errors or not src:
            raise ValidationError(errors)
        return src

    def add_base_salary(self, effective_from: date, amount: int, source: str) -> None:
        src = self._check(effective_from, source)
        if not isinstance(amount, int) or amount <= 0:
            raise ValidationError({"amount": "mức lương cơ sở phải lớn hơn 0."})
        if problem := money_bound_problem(amount, "Mức lương cơ sở"):
            raise ValidationError({"amount": problem})
        with self.ctx.write() as s:
            if s.scalar(select(BaseSalary.id).where(BaseSalary.effective_from == effective_from,
                                                    BaseSalary.deleted_at.is_(None))):
                raise ValidationError({"effective_from": f"đã có mức lương cơ sở từ {effective_from:%d/%m/%Y}."})
            s.add(BaseSalary(effective_from=effective_from, amount=amount, source=src, device_id=self.ctx.device_id))

    def add_dues_rule(self, effective_from: date, group: int, rate_percent: str, cap_percent: str | None,
                      fixed_min_percent: str, source: str) -> None:
        src = self._check(effective_from, source)
        if group not in (1, 2, 3):
            raise ValidationError({"dues_group": "nhóm 1, 2 hoặc 3."})
        rate = percent_to_bp(rate_percent, "rate")
        floor = percent_to_bp(fixed_min_percent, "fixed_min")
        if rate is None or floor is None:
            raise ValidationError({"rate": "cần tỷ lệ đoàn phí và mức cố định tối thiểu."})
        cap = percent_to_bp(cap_percent, "cap")
        with self.ctx.write() as s:
            if s.scalar(select(DuesRule.id).where(DuesRule.effective_from == effective_from,
                                                  DuesRule.unit_group == group, DuesRule.deleted_at.is_(None))):
                raise ValidationError({"effective_from": f"nhóm {group} đã có quy định từ {effective_from:%d/%m/%Y}."})
            s.add(DuesRule(effective_from=effective_from, unit_group=group, rate_bp=rate, cap_bp=cap,
                           fixed_min_bp=floor, source=src, device_id=self.ctx.device_id))

    def add_remit_rule(self, effective_from: date, share_percent: str, source: str) -> None:
        # A remittance share may change on any day a guidance names, not only on the 1st.
        src = clean(source)
        if not src:
            raise ValidationError({"source": "ghi văn bản quy định."})
        share = percent_to_bp(share_percent, "share")
        if share is None:
            raise ValidationError({"share": "cần tỷ lệ nộp cấp trên."})
        with self.ctx.write() as s:
            s.add(RemitRule(effective_from=effective_from, share_bp=share, source=src, device_id=self.ctx.device_id))
