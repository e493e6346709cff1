#!/usr/bin/env python3
"""Fails unless every figure of a corpus_oracle.py --json report, coverage aside, is clean."""
import json
import sys

r = json.load(open(sys.argv[1]))
problems = []
for k in ('crashed', 'invalid_after', 'schema_broken', 'refs_broken', 'lost', 'comments_lost', 'collateral_files'):
    if r[k]:
        problems.append(f'{k}: {len(r[k])}: {r[k][:3]}')
for k in ('collateral', 'stack_traces', 'rewritten_unchanged'):
    if r[k]:
        problems.append(f'{k}: {r[k]}')
for k in ('idempotent', 'diff_applies'):
    if r[k] is not True:
        problems.append(f'{k}: {r[k]}')
if r['changed_files'] <= 0:
    problems.append('changed_files: 0')
if r['dry_eq_write'] != r['files']:
    problems.append(f"dry_eq_write: {r['dry_eq_write']} of {r['files']}")
print(f"oracle {sys.argv[1]}: files {r['files']}, changed {r['changed_files']}, dry-run {r['t_dry']} s")
print('coverage before:', r['before'])
print('coverage after: ', r['after'])
if problems:
    print('oracle figures not clean:', *problems, sep='\n  ')
    sys.exit(1)
print('oracle: clean')
