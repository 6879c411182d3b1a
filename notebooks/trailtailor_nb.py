"""What the trailtailor notebooks share: where the `analyze` output is, and how to read its files and tables.

The output directory comes from the environment variable TRAILTAILOR_OUT (default ../out/demo, the directory
`trailtailor demo` writes when run from the repository root). Anything a notebook writes (charts, the mute-file
template) goes to TRAILTAILOR_NB_WORK (default ./nb-work), never into the output directory: that directory is
owned by trailtailor, which refuses to overwrite files it did not write.
"""

import json
import os
import pathlib

import duckdb
import matplotlib

# headless: charts are saved as PNG files and shown with IPython.display.Image, so no display backend is needed
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)

TABLES = ("api_calls", "audit_events", "sessions", "attributed_calls", "k8s_access", "usage", "findings")


def out_dir() -> pathlib.Path:
    """The `analyze` output directory the notebook reads."""
    out = pathlib.Path(os.environ.get("TRAILTAILOR_OUT", "../out/demo")).resolve()
    if not (out / "summary.json").is_file():
        raise FileNotFoundError(f"{out} has no summary.json: set TRAILTAILOR_OUT to an analyze output directory")
    return out


def work_dir() -> pathlib.Path:
    """Where the notebook writes its charts and templates (created on first use)."""
    work = pathlib.Path(os.environ.get("TRAILTAILOR_NB_WORK", "nb-work")).resolve()
    work.mkdir(parents=True, exist_ok=True)
    return work


def read_json(name: str, default=None):
    """A JSON file of the output directory, or `default` when the run did not write it."""
    path = out_dir() / name
    if not path.is_file():
        return default
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def table_files(name: str) -> list:
    """The Parquet files of one table, across its Hive-style dt= partitions."""
    return sorted(str(p) for p in (out_dir() / "parquet" / name).glob("dt=*/*.parquet"))


def connect() -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with one view per Parquet table present; dt is a column (the partition value)."""
    con = duckdb.connect()
    for name in TABLES:
        files = table_files(name)
        if files:
            listing = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
            con.sql(
                f"CREATE VIEW {name} AS SELECT * FROM read_parquet([{listing}], "
                "hive_partitioning = true, union_by_name = true)"
            )
    return con


def workload_label(cluster, namespace, service_account) -> str:
    """cluster/namespace/serviceAccount, the key workloads.json and policies/workloads/ use."""
    return f"{cluster}/{namespace}/{service_account}"


def save_chart(fig, name: str):
    """Saves a figure under the work directory and returns it as an image the notebook shows."""
    from IPython.display import Image

    path = work_dir() / name
    fig.savefig(path, dpi=100, bbox_inches="tight")
    plt.close(fig)
    return Image(filename=str(path))
