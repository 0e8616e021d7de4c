"""Make the board's world map: Natural Earth country outlines as compact JSON.

Run once by a developer, not at game time (standard library only):

    cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz
    python3 tools/make_map.py /tmp/package/countries-50m.json

which writes ``assets/maps/world-50m.json`` (``--out`` to change it, ``--tolerance``
for the simplification in degrees, ``--digits`` for the rounding).

The input is world-atlas's TopoJSON (Natural Earth 1:50m, public domain). Its arcs are
quantized and delta-encoded; they are decoded here, each shared arc is simplified once
(Douglas-Peucker) so that neighbouring countries keep a common border, and the arcs are
joined into rings. The output is::

    {"source": "...", "tolerance": 0.02,
     "countries": [{"name": "South Korea", "id": "410",
                    "polygons": [[[[lon, lat], ...], ...], ...]}, ...]}

with each polygon a list of rings (outer ring first, then holes), each ring closed.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

Point = tuple[float, float]
Ring = list[Point]

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "assets" / "maps" / "world-50m.json"


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Every arc of a topology in longitude/latitude (undoing quantization and deltas)."""
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for raw in topology["arcs"]:
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in raw])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points: list[Point] = []
        for dx, dy in raw:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    """Distance from p to the segment a-b (in degrees, planar)."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0.0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """The points kept by Douglas-Peucker at a tolerance; the two ends are always kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            d = _segment_distance(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_arc(points: list[Point], tolerance: float) -> list[Point]:
    """Simplify one arc; a closed arc (an island) is split at its farthest point first."""
    if len(points) > 3 and points[0] == points[-1]:
        start = points[0]
        far = max(range(len(points)), key=lambda i: math.hypot(points[i][0] - start[0], points[i][1] - start[1]))
        head = douglas_peucker(points[: far + 1], tolerance)
        tail = douglas_peucker(points[far:], tolerance)
        return head + tail[1:]
    return douglas_peucker(points, tolerance)


def _arc_points(arcs: list[list[Point]], index: int) -> list[Point]:
    """An arc by TopoJSON index: a negative index ~i means arc i reversed."""
    return list(reversed(arcs[~index])) if index < 0 else arcs[index]


def join_ring(arcs: list[list[Point]], indexes: list[int]) -> Ring:
    """Join a ring's arcs, dropping each arc's first point (the previous arc's last)."""
    ring: Ring = []
    for n, index in enumerate(indexes):
        points = _arc_points(arcs, index)
        ring.extend(points if n == 0 else points[1:])
    return ring


def round_ring(ring: Ring, digits: int) -> list[list[float]]:
    """Round a ring's coordinates, dropping repeated points and keeping it closed."""
    out: list[list[float]] = []
    for lon, lat in ring:
        point = [round(lon, digits), round(lat, digits)]
        if not out or point != out[-1]:
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def make_ring(simple: list[list[Point]], full: list[list[Point]], indexes: list[int], digits: int) -> list[list[float]]:
    """A ring from simplified arcs, or from the full arcs if simplifying left no area."""
    ring = round_ring(join_ring(simple, indexes), digits)
    if len(ring) >= 4:
        return ring
    return round_ring(join_ring(full, indexes), digits)


def geometry_polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    """A geometry's polygons as lists of rings of arc indexes (nothing for a null geometry)."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return [geometry["arcs"]]
    if kind == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def make_country(geometry: dict[str, Any], simple: list[list[Point]], full: list[list[Point]], digits: int) -> dict:
    """One country's name, ISO numeric id and polygons."""
    polygons = []
    for polygon in geometry_polygons(geometry):
        rings = [make_ring(simple, full, ring, digits) for ring in polygon]
        rings = [ring for ring in rings if len(ring) >= 4]
        if rings:
            polygons.append(rings)
    id_ = geometry.get("id")
    return {
        "name": (geometry.get("properties") or {}).get("name", ""),
        "id": None if id_ is None else str(id_),
        "polygons": polygons,
    }


def source_label(path: Path) -> str:
    """Where the data came from, with world-atlas's version if its package.json is beside the file."""
    package = path.parent / "package.json"
    version = ""
    if package.is_file():
        version = json.loads(package.read_text(encoding="utf-8")).get("version", "")
    atlas = f"world-atlas@{version}" if version else "world-atlas"
    return f"Natural Earth (public domain) via {atlas} {path.name}"


def make_map(path: Path, tolerance: float, digits: int) -> dict[str, Any]:
    """The compact map for a world-atlas TopoJSON file."""
    topology = json.loads(path.read_text(encoding="utf-8"))
    full = decode_arcs(topology)
    simple = [simplify_arc(arc, tolerance) for arc in full]
    geometries = topology["objects"]["countries"]["geometries"]
    countries = [make_country(g, simple, full, digits) for g in geometries]
    countries = sorted((c for c in countries if c["polygons"]), key=lambda c: c["name"])
    return {"source": source_label(path), "tolerance": tolerance, "countries": countries}


def main(argv: list[str] | None = None) -> None:
    """Read the TopoJSON named on the command line and write the compact map."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-50m.json")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--tolerance", type=float, default=0.02, help="Douglas-Peucker tolerance in degrees")
    parser.add_argument("--digits", type=int, default=3, help="decimals kept in coordinates")
    args = parser.parse_args(argv)
    data = make_map(args.topojson, args.tolerance, args.digits)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    points = sum(len(r) for c in data["countries"] for p in c["polygons"] for r in p)
    print(f"{args.out}: {len(data['countries'])} countries, {points} points, {args.out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
