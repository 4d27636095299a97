"""What the process page shows, computed from the live flow and the configured deadlines."""

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.core.cache import caches
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_bidi, ngettext
from django.utils.translation import gettext as _

from viewflow.workflow import nodes

from workflow import steps
from workflow.flows import ComplaintFlow
from workflow.models import HandlingSettings, Priority

# The public diagram: the flow as the complainant sees it. Every node on a path from the
# start to the flow's end (`ComplaintFlow.end`), in the flow's own order and with its own
# titles; not the timer events staff work with (reminders and escalations lead to ends of
# their own). A timer on that path (no reply in time) is drawn as the branch it takes.
FONT_PX = 15  # at least 14 px at 100 % zoom: the SVG is drawn at its own size, never scaled
LINE_PX = 19


@dataclass
class _Node:
    key: str
    label: str
    decision: bool = False
    terminal: bool = False
    edges: list = field(default_factory=list)  # (target key, label)


def _public_graph(flow_class) -> tuple[dict[str, _Node], list[str]]:
    """The nodes and edges of `flow_class` on the way from its start to its end, and the
    nodes in flow order (depth first from the start, the "yes" branch first: an edge to an
    earlier node goes back)."""
    flow = flow_class.instance
    end = flow_class.end
    every = list(flow.nodes())
    timers = [node for node in every if isinstance(node, nodes.TimerBoundary)]

    def targets(node):
        for edge in node._outgoing():
            target, label = edge.dst, ""
            if isinstance(target, nodes.TimerBoundary):
                continue
            if edge.edge_class == "cond_true":
                label = _("Yes")
            elif edge.edge_class == "cond_false":
                label = _("No")
            yield target, label
        # A timer boundary of this node: the branch it takes, labelled with its title.
        for timer in timers:
            if any(edge.src is node for edge in timer._incoming()):
                for edge in timer._outgoing():
                    yield edge.dst, str(timer.task_title)

    # The nodes that reach the end (the edges walked backwards from it).
    incoming: dict = {}
    for node in every:
        for target, _label in targets(node):
            incoming.setdefault(target, []).append(node)
    reaching, todo = {end}, [end]
    while todo:
        for source in incoming.get(todo.pop(), []):
            if source not in reaching:
                reaching.add(source)
                todo.append(source)
    start = next(node for node in every if isinstance(node, nodes.StartHandle))
    postorder, seen = [], set()

    def visit(node):
        seen.add(node)
        for target, _label in targets(node):
            if target in reaching and target not in seen:
                visit(target)
        postorder.append(node)

    visit(start)
    order = [node.name for node in reversed(postorder)]
    graph = {
        node.name: _Node(
            key=node.name,
            label=str(node.task_title),
            decision=isinstance(node, nodes.If | nodes.Switch),
            terminal=isinstance(node, nodes.StartHandle | nodes.End),
            edges=[(t.name, label) for t, label in targets(node) if t in reaching],
        )
        for node in postorder
    }
    return graph, order


def _layout(order: list[str]) -> dict[str, tuple[int, int]]:
    """(rank, lane) of each node: one node a rank, in flow order, so that no edge crosses a
    box (the ones that skip ranks run beside the boxes)."""
    return {key: (index, 0) for index, key in enumerate(order)}


def _tracks(spans: list[tuple[int, int]]) -> list[int]:
    """A track for each span (rank from, rank to), overlapping spans on different tracks."""
    ends: list[int] = []
    tracks = []
    for low, high in spans:
        for index, end in enumerate(ends):
            if end < low:
                ends[index] = high
                tracks.append(index)
                break
        else:
            ends.append(high)
            tracks.append(len(ends) - 1)
    return tracks


def _wrap(text: str, width: int) -> list[str]:
    """Words on lines of about `width` characters."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _svg(graph, order, *, across: bool, rtl: bool, title: str) -> str:
    """The diagram across the page (wide screens) or down it (narrow ones): boxes for
    steps, six-sided ones for decisions, rounded ones for the start and the end. An edge to
    the next rank is straight; the others run beside the boxes on tracks of their own, the
    ones going back on the near side, with their labels along them."""
    placed = _layout(order)
    box_w, box_h = (160, 78) if across else (176, 62)
    gap_rank, gap_lane = (52, 44) if across else (30, 0)
    rank_len, lane_len = (box_w, box_h) if across else (box_h, box_w)
    chars = (box_w - 16) // 9  # about 9 px a letter at 15 px (Greek capitals are wide)
    track_gap, margin = 20, 12
    edges = [(key, target, label) for key in order for target, label in graph[key].edges]
    detours = [e for e in edges if placed[e[1]][0] != placed[e[0]][0] + 1]
    forward = [e for e in detours if placed[e[1]][0] > placed[e[0]][0]]
    back = [e for e in detours if placed[e[1]][0] <= placed[e[0]][0]]
    track = {}
    for group in (forward, back):
        spans = [tuple(sorted((placed[a][0], placed[b][0]))) for a, b, _label in group]
        track.update(zip(group, _tracks(spans), strict=True))
    back_tracks = max((track[e] for e in back), default=-1) + 1
    forward_tracks = max((track[e] for e in forward), default=-1) + 1
    lanes = max(lane for _rank, lane in placed.values()) + 1
    ranks = max(rank for rank, _lane in placed.values()) + 1
    near = margin + track_gap * back_tracks + (8 if back_tracks else 0)
    span_lane = lanes * lane_len + (lanes - 1) * gap_lane
    # A straight edge's label sits in the gap after its rank, which grows to hold it.
    label_chars = 12 if across else (lane_len // 2 - 14) // 8
    gaps = [gap_rank] * ranks
    for key, target, label in edges:
        if label and (key, target, label) not in detours:
            lines = _wrap(label, label_chars)
            need = max(map(len, lines)) * 8 + 16 if across else 16 * len(lines) + 12
            gaps[placed[key][0]] = max(gaps[placed[key][0]], need)
    starts = [margin]
    for rank in range(ranks - 1):
        starts.append(starts[-1] + rank_len + gaps[rank])
    size_rank = starts[-1] + rank_len + margin
    size_lane = near + span_lane + track_gap * forward_tracks + margin + 8
    width, height = (size_rank, size_lane) if across else (size_lane, size_rank)
    orientation = "across" if across else "down"

    def corner(key):
        rank, lane = placed[key]
        return starts[rank], near + lane * (lane_len + gap_lane)

    def xy(rank_pos, lane_pos):
        x, y = (rank_pos, lane_pos) if across else (lane_pos, rank_pos)
        return (width - x if rtl else x), y

    def label_text(text, at, *, along=False, anchor="start", lines=None):
        x, y = xy(*at)  # the anchor follows the text's direction (start is right in RTL)
        turn = f' transform="rotate(-90 {x:.0f} {y:.0f})"' if along else ""
        spans = "".join(
            f'<tspan x="{x:.0f}" y="{y + 16 * index:.0f}">{escape(line)}</tspan>'
            for index, line in enumerate(lines or [text])
        )
        return f'<text class="edge-label" text-anchor="{anchor}"{turn}>{spans}</text>'

    parts = []
    for key, target, label in edges:
        r0, l0 = corner(key)
        r1, l1 = corner(target)
        if (key, target, label) not in detours:
            middle = r0 + rank_len + gaps[placed[key][0]] / 2
            points = [
                (r0 + rank_len, l0 + lane_len / 2),
                (middle, l0 + lane_len / 2),
                (middle, l1 + lane_len / 2),
                (r1, l1 + lane_len / 2),
            ]
            lines = _wrap(label, label_chars)
            if across:  # above the arrow
                at = (r0 + rank_len + 6, l0 + lane_len / 2 - 8 - 16 * (len(lines) - 1))
            else:  # beside it
                at = (r0 + rank_len + 16, l0 + lane_len / 2 + 8)
            labels = [label_text(label, at, lines=lines)] if label else []
        else:
            ahead = (key, target, label) in forward
            step = track_gap * (track[(key, target, label)] + 1)
            if ahead:
                lane_pos = near + span_lane + step
                side0, side1 = l0 + lane_len, l1 + lane_len
            else:
                lane_pos = near - step
                side0, side1 = l0, l1
            # Leave and enter at a third of the box, the ones going back at two thirds.
            share = 1 / 3 if ahead else 2 / 3
            points = [
                (r0 + rank_len * share, side0),
                (r0 + rank_len * share, lane_pos),
                (r1 + rank_len * (1 - share), lane_pos),
                (r1 + rank_len * (1 - share), side1),
            ]
            labels = []
            if label and across:
                # Along the track, after the turn.
                at = (r0 + rank_len * share + 8, lane_pos + (16 if ahead else -6))
                labels = [label_text(label, at)]
            elif label:
                # Beside the track, turned to run along it.
                # Its letters beside the track (on the left of it, or the right in RTL, where
                # the text runs the other way: "start" is its right end).
                at = (r0 + rank_len * share + 8, lane_pos - (18 if rtl else 5))
                labels = [label_text(label, at, along=True, anchor="start" if rtl else "end")]
        path = " ".join("{:.0f},{:.0f}".format(*xy(*point)) for point in points)
        parts.append(
            f'<polyline class="edge" points="{path}" marker-end="url(#arrow-{orientation})"/>'
        )
        parts.extend(labels)
    for key in order:
        node = graph[key]
        r, lp = corner(key)
        x0, y0 = xy(r, lp)
        x1, y1 = xy(r + rank_len, lp + lane_len)
        x, y, w, h = min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0)
        if node.decision:
            dent = 14
            shape = (
                f'<polygon class="decision" points="{x},{y + h / 2:.0f} {x + dent},{y} '
                f"{x + w - dent},{y} {x + w},{y + h / 2:.0f} {x + w - dent},{y + h} "
                f'{x + dent},{y + h}"/>'
            )
        else:
            radius = h / 2 if node.terminal else 6
            kind = "terminal" if node.terminal else "step"
            shape = (
                f'<rect class="{kind}" x="{x}" y="{y}" width="{w}" height="{h}" rx="{radius:.0f}"/>'
            )
        lines = _wrap(node.label, chars - (3 if node.decision else 0))
        top = y + h / 2 - (len(lines) - 1) * LINE_PX / 2 + FONT_PX * 0.35
        text = "".join(
            f'<tspan x="{x + w / 2:.0f}" y="{top + i * LINE_PX:.0f}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        parts.append(f'<g>{shape}<text class="label" text-anchor="middle">{text}</text></g>')
    name = escape(title, {'"': "&quot;"})
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="flow-{orientation}" width="{width:.0f}"'
        f' height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" role="img"'
        f' aria-label="{name}" direction="{"rtl" if rtl else "ltr"}">'
        f'<defs><marker id="arrow-{orientation}" viewBox="0 0 10 10" refX="10" refY="5"'
        ' markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z"/></marker></defs>' + "".join(parts) + "</svg>"
    )


def _chart() -> str:
    graph, order = _public_graph(ComplaintFlow)
    title = _("Diagram of the steps of a complaint")
    rtl = get_language_bidi()
    across = _svg(graph, order, across=True, rtl=rtl, title=title)
    return across + _svg(graph, order, across=False, rtl=rtl, title=title)


def process_chart_svg() -> str:
    """The complaint's path drawn from the live flow, in the active language, twice: across
    the page for wide screens, down it for narrow ones (the style sheet shows one). Drawn
    once per language by each process: the flow is code."""
    svg = caches["local"].get_or_set(f"process-chart:{get_language()}", _chart, None)
    return mark_safe(svg)  # noqa: S308 - our own drawing, every text escaped


# Deadlines are counted in working hours; whole working days read better.
WORKING_DAY_HOURS = 8


def _duration(hours: int) -> str:
    if hours and hours % WORKING_DAY_HOURS == 0:
        days = hours // WORKING_DAY_HOURS
        return ngettext("%(count)s working day", "%(count)s working days", days) % {"count": days}
    return ngettext("%(count)s working hour", "%(count)s working hours", hours) % {"count": hours}


def _calendar_days(hours: int) -> str:
    """The customer's own reply time is in calendar days."""
    days = hours // 24
    return ngettext("%(count)s day", "%(count)s days", days) % {"count": days}


def status_rows():
    """(priorities, rows): each status of the process vocabulary (`workflow.steps`) with
    its meaning and target time per priority (the deadline of the step it shows)."""
    priorities = list(Priority.objects.order_by("-rank"))
    reply_hours = HandlingSettings.load().reply_days * 24
    rows = []
    for status in steps.STATUSES:
        step = steps.STEP_OF_STATUS.get(status.value)
        targets = [
            _duration(priority.hours_for(step.key)) if step else "" for priority in priorities
        ]
        if status.complainant_turn:
            # The complainant's own time to reply, the same whatever the priority.
            targets = [_calendar_days(reply_hours)] * len(priorities)
        rows.append({"label": status.label, "help": status.help, "targets": targets})
    return priorities, rows


def short_path_statuses() -> list[str]:
    """The statuses a suggestion or a compliment goes through, in order: the process page
    lists them under the diagram of the complaint path."""
    first, last = steps.STATUSES[0], steps.STATUSES[-1]
    middle = [steps.STATUS[step.status] for step in steps.SHORT_PATH]
    return [status.label for status in (first, *middle, last)]
