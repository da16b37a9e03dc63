"""`belofte metrics | promise | drivers | journeys | export` from the command line."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest

from belofte.cli.app import main

Z = 1.959963984540054


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def shop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A workspace with nine answers in two stores, imported from a CSV."""
    assert main(["init", str(tmp_path / "shop")]) == 0
    data = tmp_path / "enquete.csv"
    rows = [("U", "utrecht-centrum", v, "2026-05-02") for v in (10, 9, 7, 6, 2)]
    rows += [("A", "almere-stad", v, "2026-06-02") for v in (9, 9, 9, 1)]
    lines = ["id,datum,winkel,touchpoint,nps,csat"]
    lines += [
        f"{p}{i},{day},{store},aankoop-winkel,{v},{5 if v >= 9 else 2}"
        for i, (p, store, v, day) in enumerate(rows)
    ]
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert (
        main(
            [
                "--workspace",
                str(tmp_path / "shop"),
                "import",
                str(data),
                "--kind",
                "responses",
            ]
        )
        == 0
    )
    capsys.readouterr()
    return tmp_path / "shop"


def wilson(successes: int, n: int) -> tuple[float, float]:
    p = successes / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z / (1 + Z * Z / n) * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return centre - half, centre + half


def test_metrics_json_body(shop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "-w", str(shop), "metrics", "--by", "location", "-m", "csat", "--json"
    )
    assert code == 0
    body = json.loads(out)
    almere, utrecht = wilson(3, 4), wilson(2, 5)
    assert body == {
        "name": "scores",
        "keys": ["location"],
        "summary": {},
        "rows": [
            {
                "location": "almere-stad",
                "csat": 0.75,
                "csat_low": pytest.approx(almere[0]),
                "csat_high": pytest.approx(almere[1]),
                "csat_n": 4,
                "csat_method": "Wilson score",
                "csat_warnings": "SMALL_SAMPLE",
            },
            {
                "location": "utrecht-centrum",
                "csat": 0.4,
                "csat_low": pytest.approx(utrecht[0]),
                "csat_high": pytest.approx(utrecht[1]),
                "csat_n": 5,
                "csat_method": "Wilson score",
                "csat_warnings": "SMALL_SAMPLE",
            },
        ],
        "notes": [
            "NPS and shares as proportions (NPS on [-1, 1]); intervals at 95%, method per column"
        ],
    }


def test_metrics_nps_uses_adjusted_wald_for_small_groups(
    shop: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        "-w",
        str(shop),
        "metrics",
        "--where",
        "location=almere-stad",
        "-m",
        "nps",
        "--json",
    )
    assert code == 0
    (row,) = json.loads(out)["rows"]
    # 3 promoters, 1 detractor of 4: NPS 0.5; adjusted: 3.75 and 1.75 of 7.
    p, d = 3.75 / 7, 1.75 / 7
    half = Z * math.sqrt((p + d - (p - d) ** 2) / 7)
    assert row["nps"] == pytest.approx(0.5)
    assert (row["nps_low"], row["nps_high"]) == pytest.approx(
        (p - d - half, min(1.0, p - d + half))
    )
    assert row["nps_method"].startswith("adjusted Wald (Rocks 2016")
    assert row["nps_n"] == 4


def test_csv_and_table_output(shop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "-w", str(shop), "metrics", "--period", "month", "-m", "nps", "--csv"
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["period"], r["nps_n"]) for r in rows] == [
        ("2026-05", "5"),
        ("2026-06", "4"),
    ]
    assert rows[1]["nps_change_adjustment"] == "holm"
    code, out, _ = run(capsys, "-w", str(shop), "metrics", "--by", "location")
    assert code == 0
    assert "almere-stad" in out and "NPS" in out and "Wilson" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["metrics", "--by", "bogus"], "by: unknown dimension 'bogus'"),
        (["metrics", "--period", "fortnight"], "period: 'fortnight' is not one of"),
        (["metrics", "--where", "location"], "where: 'location' is not NAME=VALUE"),
        (["metrics", "--since", "2026-13-01"], "since: '2026-13-01' is not a date"),
        (["metrics", "--until", "9999-12-31"], "until: 9999-12-31 is outside"),
        (
            ["metrics", "--engine", "hadoop"],
            "engine: 'hadoop' is not one of duckdb, spark",
        ),
        (["metrics", "-m", "happiness"], "metric: unknown 'happiness'"),
        (
            ["drivers", "--outcome", "mood"],
            "outcome: 'mood' is not one of nps, csat, ces",
        ),
        (["drivers", "--driver", "nope"], "driver: 'nope' has no answers"),
    ],
)
def test_bad_options_are_one_readable_line(
    shop: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "-w", str(shop), *args)
    assert code == 3
    assert message in err
    assert "Traceback" not in err + out


def test_export_and_analyse_the_export(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "warehouse"
    code, out, _ = run(
        capsys, "-w", str(shop), "export", "--parquet", str(target), "--json"
    )
    assert code == 0
    assert json.loads(out)["rows"]["responses"] == 9
    assert sorted(p.name for p in target.iterdir()) == [
        "customer_attributes",
        "mentions",
        "orders",
        "ratings",
        "responses",
        "steps",
        "texts",
    ]
    own = run(capsys, "-w", str(shop), "metrics", "--by", "location", "--json")[1]
    exported = run(
        capsys,
        "-w",
        str(shop),
        "metrics",
        "--by",
        "location",
        "--json",
        "--parquet",
        str(target),
    )[1]
    assert json.loads(own) == json.loads(exported)
    code, _, err = run(
        capsys, "-w", str(shop), "metrics", "--parquet", str(tmp_path / "nothing")
    )
    assert code == 3
    assert "holds no Parquet files" in err


def test_every_measure_command_runs_on_the_demo(
    demo_workspace: object, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(demo_workspace.path)  # type: ignore[attr-defined]
    for args in (
        ["promise", "--json"],
        ["drivers", "--resamples", "50", "--json"],
        ["drivers", "--themes", "--resamples", "0", "--json"],
        ["journeys", "--top", "3", "--json"],
        ["journeys", "--peak-end", "--json"],
        ["metrics", "--by", "pillar", "--json"],
        [
            "metrics",
            "--by",
            "touchpoint",
            "--where",
            "channel=webshop",
            "--compare",
            "--json",
        ],
    ):
        code, out, err = run(capsys, "-w", folder, *args)
        assert code == 0, (args, err)
        body = json.loads(out)
        assert body, args
    code, out, _ = run(capsys, "-w", folder, "promise")
    assert code == 0
    assert "weakest links" in out


@pytest.mark.parametrize(
    "target", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_analyse_inside_a_database(
    shop: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
    target: str,
) -> None:
    """`export --database URL` then `--engine URL`: the same numbers there."""
    if target == "sqlite":
        url = f"sqlite:///{tmp_path / 'warehouse.db'}"
    else:
        url = str(request.getfixturevalue("postgres_url"))
    code, out, _ = run(capsys, "-w", str(shop), "export", "--database", url, "--json")
    assert code == 0
    assert json.loads(out)["rows"]["responses"] == 9
    own = run(capsys, "-w", str(shop), "metrics", "--by", "location", "--json")[1]
    there = run(
        capsys,
        "-w",
        str(shop),
        "metrics",
        "--by",
        "location",
        "--json",
        "--engine",
        url,
    )[1]
    assert json.loads(there) == json.loads(own)
    code, _, err = run(capsys, "-w", str(shop), "journeys", "--engine", url)
    if target == "sqlite":
        assert code == 7
        assert "journey paths needs ordered-collect" in err
    else:
        assert code == 0
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    code, _, err = run(capsys, "-w", str(shop), "metrics", "--engine", empty)
    assert code == 3
    assert "lacks the analytical table" in err
    code, _, err = run(capsys, "-w", str(shop), "export")
    assert code == 3
    assert "exactly one of --parquet DIR, --database URL" in err
