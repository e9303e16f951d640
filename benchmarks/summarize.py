#!/usr/bin/env python3
"""Prints Markdown tables from the JMH JSON files in benchmarks/results/.

Every figure comes from a JSON file that run-recorded.sh wrote; ratios are computed only between
results of the same file, that is, of the same run.

    python3 benchmarks/summarize.py
"""
import json
import pathlib
import statistics

RESULTS = pathlib.Path(__file__).resolve().parent / "results"
ORDER = ["jdkHmacFloor", "verify", "standardWebhooksVerify", "jacksonReadTreeOnly",
         "verifyAndParse", "stripeConstructEvent"]


def load(name):
    path = RESULTS / f"{name}.json"
    if not path.exists():
        return None
    return json.loads(path.read_text())


def short(benchmark):
    return benchmark.rsplit(".", 1)[1]


def median(result):
    values = [v for fork in result["primaryMetric"]["rawData"] for v in fork]
    return statistics.median(values)


def fmt(value):
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def by_size(results):
    table = {}
    for result in results:
        size = int(result["params"]["payloadBytes"])
        table.setdefault(size, {})[short(result["benchmark"])] = result
    return table


def verification_avgt():
    results = load("verification-avgt")
    if results is None:
        return
    print("### Time per operation, 1 thread (`verification-avgt`)\n")
    print("| Payload | Case | Score ± error (us/op) | Median (us/op) | Allocated (B/op) | x floor | x stripe-java | x Standard Webhooks |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for size, cases in sorted(by_size(results).items()):
        # Ratios divide medians: one disturbed iteration moves a mean more than a median.
        floor = median(cases["jdkHmacFloor"])
        stripe = median(cases["stripeConstructEvent"])
        standard = median(cases["standardWebhooksVerify"])
        for name in ORDER:
            if name not in cases:
                continue
            result = cases[name]
            metric = result["primaryMetric"]
            alloc = result["secondaryMetrics"].get("gc.alloc.rate.norm", {}).get("score")
            print(f"| {size:,} B | `{name}` | {fmt(metric['score'])} ± {fmt(metric['scoreError'])}"
                  f" | {fmt(median(result))} | {'' if alloc is None else f'{alloc:,.0f}'}"
                  f" | {median(result) / floor:.2f} | {median(result) / stripe:.2f}"
                  f" | {median(result) / standard:.2f} |")
    print()


def verification_thrpt():
    one = load("verification-thrpt-1")
    two = load("verification-thrpt-2")
    if one is None and two is None:
        return
    print("### Throughput, 1 and 2 threads (`verification-thrpt-1`, `verification-thrpt-2`)\n")
    print("| Payload | Case | 1 thread (ops/ms) | 2 threads (ops/ms) | 2 / 1 |")
    print("| --- | --- | --- | --- | --- |")
    one_table = by_size(one or [])
    two_table = by_size(two or [])
    for size in sorted(set(one_table) | set(two_table)):
        for name in ORDER:
            a = one_table.get(size, {}).get(name)
            b = two_table.get(size, {}).get(name)
            if a is None and b is None:
                continue
            cell_a = "" if a is None else f"{fmt(a['primaryMetric']['score'])} ± {fmt(a['primaryMetric']['scoreError'])}"
            cell_b = "" if b is None else f"{fmt(b['primaryMetric']['score'])} ± {fmt(b['primaryMetric']['scoreError'])}"
            ratio = "" if a is None or b is None else f"{b['primaryMetric']['score'] / a['primaryMetric']['score']:.2f}"
            print(f"| {size:,} B | `{name}` | {cell_a} | {cell_b} | {ratio} |")
    print()


def parsing_breakdown():
    results = load("parsing-breakdown")
    if results is None:
        return
    print("### Parsing breakdown, 1 thread (`parsing-breakdown`)\n")
    print("| Payload | Case | Score ± error (us/op) | Median (us/op) | Allocated (B/op) |")
    print("| --- | --- | --- | --- | --- |")
    for size, cases in sorted(by_size(results).items()):
        for name, result in sorted(cases.items()):
            metric = result["primaryMetric"]
            alloc = result["secondaryMetrics"]["gc.alloc.rate.norm"]["score"]
            print(f"| {size:,} B | `{name}` | {fmt(metric['score'])} ± {fmt(metric['scoreError'])}"
                  f" | {fmt(median(result))} | {alloc:,.0f} |")
    print()


def idempotency():
    for name, title in (("idempotency-1", "1 thread, time per claim + complete"),
                        ("inmemory-idempotency-1", "in-memory only, 1 thread, time per claim + complete"),
                        ("idempotency-2", "2 threads, throughput of claim + complete")):
        results = load(name)
        if results is None:
            continue
        print(f"### Idempotency stores, {title} (`{name}`)\n")
        print("| Benchmark | Parameter | Score ± error | Unit | Median | Allocated (B/op) |")
        print("| --- | --- | --- | --- | --- | --- |")
        for result in results:
            metric = result["primaryMetric"]
            params = ", ".join(f"{k}={v}" for k, v in result.get("params", {}).items())
            alloc = result.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
            print(f"| `{result['benchmark'].split('.')[-2]}` | {params} | {fmt(metric['score'])} ± "
                  f"{fmt(metric['scoreError'])} | {metric['scoreUnit']} | {fmt(median(result))}"
                  f" | {'' if alloc is None else f'{alloc:,.0f}'} |")
        print()


if __name__ == "__main__":
    verification_avgt()
    verification_thrpt()
    parsing_breakdown()
    idempotency()
