#!/usr/bin/env python3
"""The DuckDB peer for `scripts/bench` (issue 5): greenstat's classify-and-aggregate job done in SQL.

    scripts/bench_peer_duckdb.py FILE.csv [--taxonomy DIR] [--threads N] [--method extract|join]
                                 [--stream] [--min-score 2] [--json OUT.json] [--quiet]

Runs itself inside the virtualenv .build-bench/venv (created with `python3 -m venv` and
`pip install duckdb` on first use) when the current interpreter has no duckdb module.

What it does, so that it is comparable work to `greenstat classify` + `measure --by class`:
  1. reads the register with DuckDB's read_csv (all_varchar, quoted fields with line breaks; a row it
     cannot parse is skipped with ignore_errors);
  2. loads the dictionary's include rules from taxonomy/keywords.tsv; `{group}` references expand to the
     terms of taxonomy/terms.tsv as alternatives; a compound `A + B` counts when every part occurs in the
     same field (AND of contains); mask/veto/neutral rows, positions and the concordance prior are not
     modelled; text is ASCII-lowercased and full-width brackets are folded, as greenstat does;
  3. prefilter: a rule can only fire on a row that holds one of its parts, so each rule contributes
     one "anchor" part — the part rarest in the first --sample-rows rows (the choice changes the speed,
     never the result) — and only rows matching one RE2 expression of all anchors (longest first) are
     scored; the others are "not green" at once;
  4. scores each candidate: the anchors found per field (regexp_extract_all; a keyword found also
     stands for each anchor it contains, since RE2 reports non-overlapping matches) are joined to their
     rules, a compound's other parts are checked with contains() on the same field, and each matched
     rule's weight × field weight (主营业务 ×3, 企业名称 ×1.5, 经营范围 ×1) is summed per class; the best class
     wins when its score is at least --min-score (2, as in the dictionary's "a total below 2 is not
     green"); ties go to the lower code;
  5. aggregates count and Σ 营业收入 × coalesce(绿色业务占比, 1) by class (shares written `65%` or `65`
     are divided by 100).

By default the register is first loaded into a temporary table (read_csv of this file ran on about
one core in our runs; from the table the classification can use every core; memory grows with the
file: ~0.9 GB at 1M rows, ~7.5 GB at 10M). --stream classifies straight from read_csv instead
(~0.6 GB at 1M rows, ~3.8 GB at 10M: the per-row group-bys). --method join replaces
regexp_extract_all with the classic keyword join (candidate fields × anchor keywords ON
contains(text, keyword)): about 5× slower, nearly the same answers (extract misses a keyword that
straddles two matches: 22 rows in 1M).

Prints the per-class table (unless --quiet) and one summary line:
  duckdb-peer: rows R, green G, elapsed S s, R/S rows/s, MB/s, peak RSS M MB (getrusage), threads T
"""
import argparse
import json
import os
import re
import resource
import sys
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
VENV = os.path.join(ROOT, ".build-bench", "venv")


def ensure_duckdb():
    try:
        import duckdb  # noqa: F401
        return
    except ImportError:
        pass
    py = os.path.join(VENV, "bin", "python")
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV) or os.environ.get("GREENSTAT_PEER_IN_VENV"):
        sys.exit("bench_peer_duckdb: duckdb is not importable even in " + VENV)
    import subprocess
    if not os.path.exists(py):
        print(f"bench_peer_duckdb: creating {VENV}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    if subprocess.run([py, "-c", "import duckdb"], capture_output=True).returncode != 0:
        print("bench_peer_duckdb: pip install duckdb", file=sys.stderr)
        subprocess.run([py, "-m", "pip", "install", "-q", "duckdb"], check=True)
    env = dict(os.environ, GREENSTAT_PEER_IN_VENV="1")
    os.execve(py, [py, os.path.abspath(__file__)] + sys.argv[1:], env)


def read_tsv(path):
    """Rows of a taxonomy .tsv as dicts (schema line, header, # comments and blank lines handled)."""
    with open(path, encoding="utf-8") as f:
        lines = [ln.rstrip("\n").rstrip("\r") for ln in f]
    header = None
    out = []
    for ln in lines:
        if not ln.strip() or ln.startswith("#"):
            continue
        cols = ln.split("\t")
        if header is None:
            header = cols
            continue
        out.append(dict(zip(header, cols + [""] * (len(header) - len(cols)))))
    return out


FULLWIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "})


def fold(text):
    """What the SQL side does to the data: ASCII lowercase, full-width brackets → half-width. Patterns get
    the full NFKC-like width fold as well (they are written half-width anyway)."""
    return text.translate(FULLWIDTH).lower()


def load_rules(taxonomy):
    terms = {}
    for row in read_tsv(os.path.join(taxonomy, "terms.tsv")):
        terms.setdefault(row["group"], []).append(row["term"])
    rules = []  # (rule_id, class, weight, fields 'nms', [[alternatives of part 1], [part 2] …])
    for row in read_tsv(os.path.join(taxonomy, "keywords.tsv")):
        if row["kind"] != "include":
            continue
        fields = row["fields"].strip()
        fset = "nms" if fields == "*" else "".join(
            {"name": "n", "main": "m", "scope": "s"}[f.strip()] for f in fields.split(","))
        parts = []
        for part in row["pattern"].split(" + "):
            part = part.strip()
            m = re.fullmatch(r"\{(.+)\}", part)
            alts = terms[m.group(1)] if m else [part]
            parts.append(sorted({fold(a) for a in alts if a}))
        rules.append((len(rules), row["class"], float(row["weight"]), fset, parts))
    return rules


def re2_alternation(atoms):
    """One RE2 expression for a set of literals, longest first (so a longer keyword wins at a position).
    No capture group: with one, RE2 runs its slower submatch engine (7x slower here)."""
    ordered = sorted(atoms, key=lambda a: (-len(a), a))
    return "|".join(re.escape(a) for a in ordered)


def sql_string(text):
    return "'" + text.replace("'", "''") + "'"


def main():
    ap = argparse.ArgumentParser(description="DuckDB peer of greenstat classify + measure --by class")
    ap.add_argument("file")
    ap.add_argument("--taxonomy", default=os.path.join(ROOT, "taxonomy"))
    ap.add_argument("--threads", type=int, default=0, help="DuckDB threads (default: all cores)")
    ap.add_argument("--method", choices=["extract", "join"], default="extract")
    ap.add_argument("--min-score", type=float, default=2.0)
    ap.add_argument("--sample-rows", type=int, default=20000,
                    help="rows read first to pick each compound's most selective part for the prefilter")
    ap.add_argument("--stream", action="store_true",
                    help="classify straight from read_csv instead of loading a temporary table first")
    ap.add_argument("--json", help="write the summary and per-class table here")
    ap.add_argument("--quiet", action="store_true", help="summary line only")
    args = ap.parse_args()
    ensure_duckdb()
    import duckdb

    started = time.monotonic()
    rules = load_rules(args.taxonomy)
    atoms = sorted({a for r in rules for p in r[4] for a in p})
    all_re = sql_string(re2_alternation(atoms))

    con = duckdb.connect()
    if args.threads:
        con.execute(f"SET threads = {int(args.threads)}")
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]

    def folded(col):
        return f"translate(lower(coalesce(\"{col}\", '')), '（）［］', '()[]')"

    csv = ("read_csv($file, all_varchar = true, header = true, quote = '\"', escape = '\"', "
           "ignore_errors = true)")
    src = f"""
        SELECT row_number() OVER () AS rid,
               {folded('企业名称')} AS n, {folded('主营业务')} AS m, {folded('经营范围')} AS s,
               coalesce(TRY_CAST(regexp_replace(trim("营业收入（万元）"), '[,，]', '', 'g') AS DOUBLE), 0) *
               coalesce(CASE WHEN trim("绿色业务占比") LIKE '%\\%' ESCAPE '\\'
                               THEN TRY_CAST(rtrim(trim("绿色业务占比"), '%') AS DOUBLE) / 100
                             WHEN TRY_CAST(trim("绿色业务占比") AS DOUBLE) > 1
                               THEN TRY_CAST(trim("绿色业务占比") AS DOUBLE) / 100
                             ELSE TRY_CAST(trim("绿色业务占比") AS DOUBLE) END, 1) AS val
        FROM {csv}
    """

    # Prefilter: a rule can only fire on a row holding one of its parts, so one part per rule suffices —
    # the part rarest in a sample of the file (a compound's generic part such as {销售} or 技术 would let
    # nearly every row through).
    freq = dict(con.execute(f"""
        SELECT a, count(DISTINCT rid) FROM (
            SELECT rid, unnest(regexp_extract_all(n || chr(10) || m || chr(10) || s, {all_re})) AS a
            FROM (SELECT * FROM ({src}) LIMIT {int(args.sample_rows)}))
        GROUP BY a""", {"file": args.file}).fetchall())
    sub = {a: [b for b in atoms if b in a] for a in atoms}  # every keyword contained in a keyword
    est = {a: 0 for a in atoms}
    for a, n in freq.items():
        for b in sub.get(a, [a]):
            est[b] += n
    anchors = set()
    anchor_part = {}
    for rule_id, _, _, _, parts in rules:
        best = min(range(len(parts)), key=lambda i: (sum(est[a] for a in parts[i]), len(parts[i]), i))
        anchor_part[rule_id] = best
        anchors.update(parts[best])
    pre_re = sql_string(re2_alternation(anchors))

    # rule_anchor(atom, rule_id, class, weight, fields, others): a rule is looked up by its anchor part;
    # `others` holds the alternatives of its other parts, checked with contains() on the same field. A
    # keyword found by regexp_extract_all also stands for each anchor keyword it contains (RE2 reports
    # non-overlapping matches only, so 碳 inside 碳资产 would be lost otherwise).
    def sql_list(items):
        return "[" + ", ".join(sql_string(x) for x in items) + "]::VARCHAR[]"

    anchor_of = {}
    values = []
    for rule_id, cls, weight, fset, parts in rules:
        best = anchor_part[rule_id]
        others = "[" + ", ".join(sql_list(alts) for i, alts in enumerate(parts) if i != best) + "]::VARCHAR[][]"
        for a in parts[best]:
            anchor_of.setdefault(a, []).append(f"{rule_id}, {sql_string(cls)}, {weight!r}, {sql_string(fset)}, {others}")
    expand = ({a: [b for b in anchors if b in a] for a in anchors} if args.method == "extract"
              else {a: [a] for a in anchors})
    for a in sorted(anchors):
        for b in expand[a]:
            for tail in anchor_of.get(b, []):
                values.append(f"({sql_string(a)}, {tail})")
    con.execute("CREATE TEMP TABLE rule_anchor(atom VARCHAR, rule_id INTEGER, class VARCHAR, weight DOUBLE, "
                "fields VARCHAR, others VARCHAR[][])")
    con.execute("INSERT INTO rule_anchor VALUES " + ", ".join(values))
    con.execute("CREATE TEMP TABLE anchors AS SELECT DISTINCT atom FROM rule_anchor")

    # One row per (row, field, anchor keyword found); a row the prefilter rejects keeps one empty row so
    # that it is still counted, as not green.
    prefilter = f"regexp_matches(n || chr(10) || m || chr(10) || s, {pre_re})"
    if args.method == "extract":
        hits = f"""
            SELECT rid, val, n, m, s, unnest(CASE WHEN {prefilter}
                THEN list_transform(regexp_extract_all(n, {pre_re}), lambda x: 'n' || x) ||
                     list_transform(regexp_extract_all(m, {pre_re}), lambda x: 'm' || x) ||
                     list_transform(regexp_extract_all(s, {pre_re}), lambda x: 's' || x)
                ELSE [] END || ['']) AS fa
            FROM src
        """
    else:  # the keyword join
        hits = f"""
            SELECT h.rid, h.val, h.n, h.m, h.s, coalesce(h.ft.f || a.atom, '') AS fa
            FROM (SELECT rid, val, n, m, s, unnest(CASE WHEN {prefilter}
                     THEN [{{'f': 'n', 't': n}}, {{'f': 'm', 't': m}}, {{'f': 's', 't': s}}, {{'f': '', 't': ''}}]
                     ELSE [{{'f': '', 't': ''}}] END) AS ft FROM src) h
            LEFT JOIN anchors a ON h.ft.t <> '' AND contains(h.ft.t, a.atom)
        """
    matched = """
        SELECT rid, val, f, rule_id, class, weight FROM (
            SELECT h.rid, h.val, left(h.fa, 1) AS f, r.rule_id, r.class, r.weight,
                   CASE left(h.fa, 1) WHEN 'n' THEN h.n WHEN 'm' THEN h.m ELSE h.s END AS t, r.others
            FROM hits h LEFT JOIN rule_anchor r
              ON r.atom = substr(h.fa, 2) AND position(left(h.fa, 1) IN r.fields) > 0)
        WHERE rule_id IS NULL OR len(others) = 0 OR list_bool_and(list_transform(others,
              lambda alts: list_bool_or(list_transform(alts, lambda a: contains(t, a)))))
    """
    if args.stream:
        src_in_query = src
    else:
        # Load the register into a temporary table: the classification then runs on every core.
        con.execute(f"CREATE TEMP TABLE reg AS {src}", {"file": args.file})
        src_in_query = "SELECT * FROM reg"
    query = f"""
        WITH src AS ({src_in_query}),
        hits AS ({hits}),
        matched AS ({matched}),
        rule_hit AS (
            SELECT rid, any_value(val) AS val, f, rule_id, any_value(class) AS class, any_value(weight) AS weight
            FROM matched GROUP BY rid, f, rule_id),
        class_score AS (
            SELECT rid, any_value(val) AS val, class,
                   sum(weight * CASE f WHEN 'm' THEN 3 WHEN 'n' THEN 1.5 ELSE 1 END) AS score
            FROM rule_hit GROUP BY rid, class),
        best AS (
            SELECT rid, any_value(val) AS val,
                   arg_max(class, [score, -CAST(class AS DOUBLE)]) AS class, max(score) AS score
            FROM class_score GROUP BY rid)
        SELECT CASE WHEN score >= {float(args.min_score)!r} THEN class END AS class, count(*) AS n,
               sum(val) AS green_output_wan
        FROM best GROUP BY ALL ORDER BY class NULLS LAST
    """
    if os.environ.get("PEER_DEBUG"):
        print(f"setup {time.monotonic() - started:.2f} s, rule_anchor {len(values)}", file=sys.stderr)
        print(con.execute("EXPLAIN ANALYZE " + query, {"file": args.file}).fetchall()[0][1], file=sys.stderr)
    result = con.execute(query, {"file": args.file} if args.stream else {}).fetchall()
    elapsed = time.monotonic() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    total_rows = sum(n for _, n, _ in result)
    green_rows = sum(n for c, n, _ in result if c)
    size_mb = os.path.getsize(args.file) / 1e6
    if not args.quiet:
        print(f"{'class':<8}{'enterprises':>12}{'Σ revenue×share (万元)':>24}")
        for cls, n, val in result:
            if cls:
                print(f"{cls:<8}{n:>12,}{val:>24,.1f}")
        print(f"{'green':<8}{green_rows:>12,}{sum(v for c, _, v in result if c):>24,.1f}")
        print(f"{'not':<8}{total_rows - green_rows:>12,}")
    summary = {"rows": total_rows, "green": green_rows, "elapsed_s": round(elapsed, 3),
               "rows_per_s": round(total_rows / elapsed), "mb_per_s": round(size_mb / elapsed, 1),
               "peak_rss_mb": round(peak_mb, 1), "threads": threads, "method": args.method,
               "rules": len(rules), "keywords": len(atoms), "prefilter_keywords": len(anchors),
               "duckdb": duckdb.__version__,
               "classes": [{"class": c, "n": n, "green_output_wan": v} for c, n, v in result]}
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(summary, f, ensure_ascii=False, indent=1)
    print(f"duckdb-peer: rows {total_rows:,}, green {green_rows:,}, elapsed {elapsed:.2f} s, "
          f"{total_rows / elapsed:,.0f} rows/s, {size_mb / elapsed:.1f} MB/s, peak RSS {peak_mb:,.0f} MB "
          f"(getrusage), threads {threads}, method {args.method}, keywords {len(atoms)} "
          f"(prefilter {len(anchors)}), duckdb {duckdb.__version__}", file=sys.stderr)


if __name__ == "__main__":
    main()
