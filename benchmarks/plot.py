"""Plot p99 send → last receiver against load from ``benchmarks/load.py --json`` files.

    python benchmarks/plot.py /tmp/load-40.json /tmp/load-80.json -o docs/performance-p99.svg

Writes a small SVG by hand (no plotting library needed): one line for Circles, one for the
bare relay, log-scaled latency, the 100 ms target marked.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

WIDTH, HEIGHT, MARGIN = 640, 380, 60
SERIES = {"circles": "#1f5fa8", "bare relay": "#b35a00"}


def points(files: list[Path]) -> dict[str, list[tuple[float, float]]]:
    series: dict[str, list[tuple[float, float]]] = {name: [] for name in SERIES}
    for path in files:
        for result in json.loads(path.read_text())["results"]:
            if result["p99_ms"] is not None and result["messages_per_s"]:
                series[result["label"]].append((result["connections"], result["p99_ms"]))
    return {name: sorted(values) for name, values in series.items()}


def render(series: dict[str, list[tuple[float, float]]]) -> str:
    xs = [x for values in series.values() for x, _ in values] or [1.0]
    ys = [y for values in series.values() for _, y in values] or [1.0]
    x_max = max(xs) * 1.1
    bounds = [*ys, 100.0]
    y_lo, y_hi = math.log10(max(min(bounds) / 2, 1)), math.log10(max(bounds) * 2)

    def px(x: float) -> float:
        return MARGIN + x / x_max * (WIDTH - 2 * MARGIN)

    def py(y: float) -> float:
        return HEIGHT - MARGIN - (math.log10(y) - y_lo) / (y_hi - y_lo) * (HEIGHT - 2 * MARGIN)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        'font-family="sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{WIDTH / 2}" y="20" text-anchor="middle" font-size="14">'
        "p99 send → last receiver (ms, log scale) against connections</text>",
        f'<line x1="{MARGIN}" y1="{HEIGHT - MARGIN}" x2="{WIDTH - MARGIN}" '
        f'y2="{HEIGHT - MARGIN}" stroke="black"/>',
        f'<line x1="{MARGIN}" y1="{MARGIN}" x2="{MARGIN}" y2="{HEIGHT - MARGIN}" stroke="black"/>',
    ]
    for decade in range(math.floor(y_lo), math.ceil(y_hi) + 1):
        y = 10**decade
        if y_lo <= decade <= y_hi:
            out.append(
                f'<text x="{MARGIN - 6}" y="{py(y) + 4}" text-anchor="end">{y:g}</text>'
                f'<line x1="{MARGIN}" y1="{py(y)}" x2="{WIDTH - MARGIN}" y2="{py(y)}" '
                'stroke="#ddd"/>'
            )
    out.append(
        f'<line x1="{MARGIN}" y1="{py(100)}" x2="{WIDTH - MARGIN}" y2="{py(100)}" '
        f'stroke="#c00" stroke-dasharray="4 4"/><text x="{WIDTH - MARGIN}" y="{py(100) - 4}" '
        'text-anchor="end" fill="#c00">100 ms target</text>'
    )
    for x in sorted(set(xs)):
        out.append(
            f'<text x="{px(x)}" y="{HEIGHT - MARGIN + 16}" text-anchor="middle">{x:g}</text>'
        )
    for i, (name, values) in enumerate(series.items()):
        colour = SERIES[name]
        if values:
            path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in values)
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
            out += [
                f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}"/>'
                for x, y in values
            ]
        out.append(f'<text x="{MARGIN + 10}" y="{MARGIN + 16 * i}" fill="{colour}">{name}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    args.output.write_text(render(points(args.files)), encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
