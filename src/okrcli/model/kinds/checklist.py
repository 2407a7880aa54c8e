"""`kind: checklist`: scored as the share of items done (three of six done: 0.5)."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from okrcli.base.errors import OkrError
from okrcli.base.suggest import suggest
from okrcli.model.fields import StrictModel, Text
from okrcli.model.kinds.base import CheckinChange, Facts, KeyResultBase, done_word, parse_done


class ChecklistItem(StrictModel):
    noun: ClassVar[str] = "a checklist item"

    title: Text
    done: bool = False


class ChecklistKeyResult(KeyResultBase):
    """Scored as the share of items done."""

    noun: ClassVar[str] = "a checklist key result"
    measures_outcome: ClassVar[bool] = False
    checkin_fields: ClassVar[tuple[str, ...]] = ("items",)

    kind: Literal["checklist"]
    items: Annotated[list[ChecklistItem], Field(min_length=1)]

    def items_done(self) -> int:
        return sum(item.done for item in self.items)

    def score(self) -> float:
        return self.items_done() / len(self.items)

    def facts(self) -> Facts:
        return Facts(items_done=self.items_done(), items_total=len(self.items))

    def planned_fields(self) -> dict[str, object]:
        return {"items": [{"title": item.title} for item in self.items]}

    def checkin(self, value: str | None, item: str | None) -> CheckinChange:
        if item is None:
            raise OkrError(f"{self.id} is a checklist: name the item with --item TITLE")
        titles = [entry.title for entry in self.items]
        same = [title for title in titles if title.casefold() == item.casefold()]
        if item not in titles and len(same) == 1:
            item = same[0]  # `Notifications` is the item `notifications`
        if item not in titles:
            close = suggest(item, titles)
            hint = f"; did you mean `{close[0]}`?" if close else f"; items: {', '.join(titles)}"
            raise OkrError(f"{self.id} has no item `{item}`{hint}")
        done = parse_done(value) if value is not None else True
        index = titles.index(item)
        count = self.items_done()
        after = count - self.items[index].done + done
        total = len(titles)
        return CheckinChange(
            ((("items", index, "done"), done),),
            f"{item} {done_word(self.items[index].done)} ({count}/{total})",
            f"{done_word(done)} ({after}/{total})",
        )

    @staticmethod
    def describe(facts: Facts) -> str:
        return f"{facts.items_done}/{facts.items_total} items"

    @staticmethod
    def describe_change(facts: Facts) -> str:
        return f"{facts.items_done}/{facts.items_total} items"
