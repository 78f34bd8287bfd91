"""Sanity check for labels.yaml: every span occurs exactly once in its document body
(text after the first blank line), every figure text occurs in its span, roles are valid.
Run: python evals/validator/relations/check_labels.py"""
import collections
import pathlib
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent
DOCS = HERE.parent / 'real' / 'docs'
FIGS = {'breakdown': ('total', 'parts'), 'change': ('current', 'prior', 'amount', 'rate'),
        'share': ('part', 'rate', 'whole'), 'rate': ('numerator', 'denominator', 'rate')}
ALLOWED = {'breakdown': {'total', 'parts'},
           'change': {'current', 'prior', 'amount', 'rate', 'direction', 'base'},
           'share': {'part', 'rate', 'whole'},
           'rate': {'name', 'numerator', 'denominator', 'rate'}}


def body(doc):
    text = (DOCS / f'{doc}.txt').read_text(encoding='utf-8')
    return text[text.index('\n\n') + 2:]


def main():
    items = yaml.safe_load((HERE / 'labels.yaml').read_text(encoding='utf-8'))
    errors = []
    rel_counts, span_counts = collections.Counter(), collections.Counter()
    per_doc = collections.Counter()
    for n, it in enumerate(items):
        doc, span = it['doc'], it['span']
        per_doc[doc] += 1
        c = body(doc).count(span)
        if c != 1:
            errors.append(f'#{n} {doc}: span occurs {c} times')
        types = set()
        for r in it['relations']:
            t = r['type']
            types.add(t)
            rel_counts[t] += 1
            extra = set(r) - ALLOWED[t] - {'type'}
            if extra:
                errors.append(f'#{n} {doc}: unknown roles {extra}')
            for k in FIGS[t]:
                v = r.get(k)
                for f in (v if isinstance(v, list) else [v] if v is not None else []):
                    if f not in span:
                        errors.append(f'#{n} {doc}: figure {f!r} ({k}) not in span')
            if t == 'change':
                if r.get('direction') not in (None, 'up', 'down', 'flat'):
                    errors.append(f'#{n} {doc}: bad direction')
                if r.get('base') not in (None, '上年', '预算'):
                    errors.append(f'#{n} {doc}: bad base')
            if t == 'breakdown' and not r.get('parts'):
                errors.append(f'#{n} {doc}: breakdown without parts')
            if t == 'rate' and not all(r.get(k) for k in ('numerator', 'denominator', 'rate')):
                errors.append(f'#{n} {doc}: incomplete rate')
        span_counts.update(types or {'none'})
    print(f'{len(items)} spans, {len(per_doc)} documents, max {max(per_doc.values())} per document')
    print('relations:', dict(rel_counts))
    print('spans containing type:', dict(span_counts))
    for e in errors:
        print('ERROR', e)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
