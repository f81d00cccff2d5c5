#!/usr/bin/env python3
"""Writes docs/dashboards.md: every committed Grafana dashboard, row by row, with the question each
panel answers (its description in the dashboard JSON) and the queries behind it. Derived from
grafana-dashboards/, so generated-artifacts.sh keeps it in step (sync writes it, check compares it)."""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parents[2]


def catalogue() -> str:
    out = ["# Dashboards, panel by panel", "",
           "Generated from `grafana-dashboards/*.json` by `infra/scripts/dashboard-catalogue.py`"
           " (`make generate`); do not edit by hand.", ""]
    for path in sorted((root / "grafana-dashboards").glob("*.json")):
        dashboard = json.loads(path.read_text())
        out += [f"## {dashboard['title']}", "",
                f"`{path.name}`, uid `{dashboard['uid']}`. {dashboard.get('description', '')}".rstrip(), ""]
        out += ["| panel | what it answers | query |", "|---|---|---|"]
        for panel in dashboard.get("panels", []):
            if panel["type"] == "row":
                out.append(f"| **{panel['title']}** | | |")
                continue
            queries = "<br>".join(f"`{t['expr']}`".replace("|", "\\|") for t in panel.get("targets", []) if "expr" in t)
            out.append(f"| {panel['title']} | {panel.get('description', '')} | {queries} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    target = root / "docs" / "dashboards.md"
    text = catalogue()
    if sys.argv[1:] == ["sync"]:
        target.write_text(text)
    elif target.exists() and target.read_text() == text:
        print("dashboard catalogue up to date")
    else:
        print("DRIFT: docs/dashboards.md differs from the dashboards (run: make generate)")
        sys.exit(1)
