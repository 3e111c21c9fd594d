"""Who gets what of an issue before it is sent: readers by number of items, readers whose mail holds only
"Weitere Angebote", and readers who would get nothing, by reason — so that nobody is skipped silently.

An issue that would leave more than ``CONFIRMATION_SHARE`` of its readers without a mail is sent only after
the sender confirms it on the dispatch page.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from campaigns.rendering.ranking import SkipReason, only_more
from campaigns.rendering.variants import VariantPlan

CONFIRMATION_SHARE = 0.05


@dataclass(frozen=True)
class Coverage:
    """The planned reach of one issue."""

    readers: int
    by_item_count: tuple[tuple[int, int], ...]
    only_more: int
    skipped: tuple[tuple[str, int], ...]

    @property
    def skipped_count(self) -> int:
        return sum(count for _reason, count in self.skipped)

    @property
    def skipped_percent(self) -> float:
        return 100 * self.skipped_count / self.readers if self.readers else 0.0

    @property
    def needs_confirmation(self) -> bool:
        """Whether sending must be confirmed: more than 5 % of the readers would get nothing."""
        return self.skipped_count > CONFIRMATION_SHARE * self.readers


def coverage(plans: Iterable[VariantPlan], skipped: dict[int, SkipReason]) -> Coverage:
    """The coverage of the planned variants and the skipped readers (``freeze.plan``)."""
    items: Counter[int] = Counter()
    further_only = 0
    for plan in plans:
        items[len(plan.page_ids)] += len(plan.subscriber_ids)
        if only_more(plan.groups):
            further_only += len(plan.subscriber_ids)
    reasons = Counter(str(reason.label) for reason in skipped.values())
    return Coverage(
        readers=items.total() + len(skipped),
        by_item_count=tuple(sorted(items.items())),
        only_more=further_only,
        skipped=tuple(reasons.most_common()),
    )
