"""The pipeline at the default size (L = 200, K = 500, T = 50), Python against Rust.

Times the same steps (sample, wire, memorize, stability, free run, associative
recall) through the Python package (`rsnn.Pipeline().run()`, in this process)
and through the Rust facade (`examples/pipeline.rs`, the facade's
`Pipeline::run`, as a process), interleaved run by run so that both see the
same machine load, and prints the medians.

    cargo build --release -p rsnn-examples --example pipeline
    python python/bench/pipeline.py [--runs 5]
"""

import argparse
import statistics
import subprocess
import time
from pathlib import Path

import rsnn

ROOT = Path(__file__).resolve().parents[2]


def python_run():
    started = time.perf_counter()
    out = rsnn.Pipeline().run()
    seconds = time.perf_counter() - started
    assert out["memorize"].counts["memorized"] == 200
    return seconds


def rust_run(binary):
    started = time.perf_counter()
    subprocess.run([binary], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--binary", default=str(ROOT / "target" / "release" / "examples" / "pipeline"))
    args = parser.parse_args()
    python, rust = [], []
    python_run()  # warm-up: page cache, the thread pool
    for i in range(args.runs):
        first, second = (python, rust) if i % 2 == 0 else (rust, python)
        for times in (first, second):
            times.append(python_run() if times is python else rust_run(args.binary))
        print(f"run {i}: python {python[-1]:.2f} s, rust {rust[-1]:.2f} s", flush=True)
    mp, mr = statistics.median(python), statistics.median(rust)
    print(f"median of {args.runs}: python {mp:.2f} s, rust {mr:.2f} s, python/rust {mp / mr:.3f}")


if __name__ == "__main__":
    main()
