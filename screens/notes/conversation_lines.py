"""How a conversation and the running numbers read in the Notes pane (LISTEN-20-10, GIVE-FIRST)."""

from __future__ import annotations

from rich.text import Text

from netplan.core import moments
from netplan.core.text import safe_text
from netplan.notes.log import PersonSummary, TalkBalance
from netplan.notes.model import Conversation

BAR_WIDTH = 18


def listen_bar(listen: int, ask: int, width: int = BAR_WIDTH) -> Text:
    """█ on them, ▒ on my ask; a 20/10 coffee is two thirds green."""
    total = listen + ask
    bar = Text()
    if total == 0:
        return bar.append("·" * width, style="dim")
    on_them = round(width * listen / total)
    bar.append("█" * on_them, style="green")
    bar.append("▒" * (width - on_them), style="yellow")
    return bar


def conversation_text(conversation: Conversation, tz: object) -> Text:
    when = moments.parse(conversation.when)
    local = when.astimezone(tz) if tz is not None else when  # type: ignore[arg-type]
    head = Text(local.strftime("%a %d %b %Y %H:%M"), style="bold")
    head.append(f"  {conversation.kind}, {conversation.duration_minutes} min  ")
    head.append_text(listen_bar(conversation.listen_minutes, conversation.ask_minutes))
    head.append(f" {conversation.listen_minutes}/{conversation.ask_minutes}")
    if conversation.below_listen_target:
        head.append("  ⚠ under 2/3 on them", style="bold yellow")
    lines = [head]
    if conversation.needs:
        lines.append(Text("  they need: ", style="dim") + Text(safe_text(conversation.needs)))
    for given in conversation.gave:
        lines.append(Text(f"  gave ({given.kind}): ", style="green") + Text(safe_text(given.text)))
    if conversation.asked:
        level = f" ({conversation.ask_level})" if conversation.ask_level else ""
        lines.append(Text(f"  asked{level}: ", style="yellow") + Text(safe_text(conversation.asked)))
    if conversation.notes:
        lines.append(Text("  ") + Text(safe_text(conversation.notes, multiline=True), style="italic"))
    return Text("\n").join(lines)


def balance_text(balance: TalkBalance) -> Text:
    share = balance.listen_share
    text = Text("Listen share ", style="dim")
    if share is None:
        text.append("—")
    else:
        text.append(f"{share:.0%}", style="bold green" if balance.meets_listen_target else "bold yellow")
        text.append(" (target ⅔ or more)", style="dim")
    text.append("   Gave ", style="dim")
    text.append(str(balance.gives), style="bold")
    text.append(" · asked ", style="dim")
    text.append(str(balance.asks), style="bold")
    if balance.asks_outnumber_gives:
        text.append("  ⚠ GIVE-FIRST: more asks than gives", style="bold yellow")
    return text


def summary_text(summary: PersonSummary) -> Text:
    lines = [balance_text(summary.balance)]
    if summary.next_follow_up is not None:
        due = moments.parse(summary.next_follow_up.due).strftime("%a %d %b %H:%M")
        lines.append(Text("Next follow-up ", style="dim") + Text(due, style="bold"))
        lines.append(Text("  ") + Text(safe_text(summary.next_follow_up.text), style="italic"))
    # The promises themselves are a list of their own below (screens/notes/promise_list.py).
    return Text("\n").join(lines)
