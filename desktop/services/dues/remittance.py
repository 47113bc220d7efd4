"""The share of đoàn phí sent to the upper level: computed from what was collected in a
period (the part at the law's rate; the unit keeps 100% of any higher-rate excess),
recorded as a payment voucher in the cash book."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from desktop.models import CashDoc, CashDocVoid, DuesPayment, RemitRule, Remittance, Unit
from desktop.services.cash.service import CashService, DocInfo, doc_info
from desktop.services.core.context import Context
from desktop.services.core.errors import ValidationError
from desktop.services.dues.calc import member_due, month_end, month_index, month_label, month_start, round_to
from desktop.services.dues.service import DuesService, PaymentError, parse_month


@dataclass(frozen=True)
class RemittanceMonth:
    month: int
    collected: int
    standard: int

    @property
    def excess(self) -> int:
        return self.collected - self.standard


@dataclass(frozen=True)
class RemittancePlan:
    first: int
    last: int
    months: list[RemittanceMonth]
    share_bp: int
    share_source: str

    @property
    def collected(self) -> int:
        return sum(m.collected for m in self.months)

    @property
    def standard(self) -> int:
        return sum(m.standard for m in self.months)

    @property
    def excess(self) -> int:
        return self.collected - self.standard

    @property
    def amount(self) -> int:
        return round_to(self.standard * self.share_bp, 10000, 1)

    @property
    def kept(self) -> int:
        return self.collected - self.amount

    @property
    def share_text(self) -> str:
        return f"{self.share_bp / 100:g}%".replace(".", ",")

    @property
    def period_text(self) -> str:
        if self.first == self.last:
            return f"tháng {month_label(self.first)}"
        return f"từ tháng {month_label(self.first)} đến tháng {month_label(self.last)}"


class RemittanceService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.dues = DuesService(ctx)
        self.cash = CashService(ctx)

    def plan(self, first: str | date, last: str | date | None = None) -> RemittancePlan:
        a = parse_month(first)
        b = parse_month(last) if last else a
        if b < a:
            raise ValidationError({"month": "tháng cuối trước tháng đầu."})
        with self.ctx.read() as s:
            rows = s.execute(
                select(CashDoc.doc_date, DuesPayment.member_id, DuesPayment.month, DuesPayment.amount)
                .join(CashDoc, CashDoc.id == DuesPayment.doc_id)
                .outerjoin(CashDocVoid, CashDocVoid.doc_id == CashDoc.id)
                .where(CashDocVoid.id.is_(None), CashDoc.doc_date >= month_start(a), CashDoc.doc_date <= month_end(b))
            ).all()
            ids = sorted({r.member_id for r in rows})
            last_month = max([b] + [month_index(r.month) for r in rows])
            law, unit, histories = self.dues.calculator(s, ids, last_month)
            u = s.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
            if u.remit_share_bp is not None:
                share, source = u.remit_share_bp, "theo cài đặt của đơn vị"
            else:
                rule = s.scalar(select(RemitRule).where(RemitRule.deleted_at.is_(None),
                                                        RemitRule.effective_from <= month_end(b))
                                .order_by(RemitRule.effective_from.desc()).limit(1))
                if rule is None:
                    raise PaymentError("Chưa có quy định tỷ lệ nộp cấp trên cho kỳ này.")
                share, source = rule.share_bp, rule.source
        collected = defaultdict(int)
        standard = defaultdict(int)
        for doc_date, mid, month, amount in rows:
            d = member_due(law, unit, histories[mid], month_index(month))
            m = month_index(doc_date)
            collected[m] += amount
            standard[m] += min(amount, d.standard) if d.total else amount
        months = [RemittanceMonth(m, collected[m], standard[m]) for m in range(a, b + 1)]
        return RemittancePlan(a, b, months, share, source)

    def record(self, first: str | date, last: str | date | None = None, *, doc_date: date | None = None,
               receiver: str | None = None) -> tuple[RemittancePlan, DocInfo]:
        plan = self.plan(first, last)
        if plan.amount <= 0:
            raise PaymentError(f"Chưa thu được đoàn phí nào {plan.period_text}: không có gì để nộp cấp trên.")
        with self.ctx.write() as s:
            overlap = s.execute(
                select(Remittance, CashDoc).join(CashDoc, CashDoc.id == Remittance.voucher_id)
                .outerjoin(CashDocVoid, CashDocVoid.doc_id == CashDoc.id)
                .where(CashDocVoid.id.is_(None), Remittance.period_from <= month_start(plan.last),
                       Remittance.period_to >= month_start(plan.first))).first()
            if overlap:
                r, doc = overlap
                raise PaymentError(
                    f"Đã nộp cấp trên cho tháng {month_label(month_index(r.period_from))}–"
                    f"{month_label(month_index(r.period_to))} bằng phiếu chi {doc.book_code}/{doc.number:04d}: "
                    "hủy phiếu đó trước nếu cần lập lại.")
            u = s.scalar(select(Unit).where(Unit.deleted_at.is_(None)))
            voucher = self.cash.issue(
                s, kind="chi", category="nop_cap_tren", doc_date=doc_date or date.today(),
                person_name=receiver or u.upper_name, amount=plan.amount,
                reason=f"Nộp {plan.share_text} đoàn phí {plan.period_text} về {u.upper_name}",
                attachments="Bảng kê trích nộp đoàn phí")
            s.add(Remittance(period_from=month_start(plan.first), period_to=month_start(plan.last),
                             collected=plan.collected, standard_collected=plan.standard, share_bp=plan.share_bp,
                             amount=plan.amount, voucher_id=voucher.id, device_id=self.ctx.device_id))
            s.flush()
            return plan, doc_info(voucher, None)
