"""Sums the callgrind dumps of ``seg.py`` (see its docstring). Internal tool (issue 2)."""
import sys, glob, re, os
base = sys.argv[1]; N = int(sys.argv[2])
files = sorted(glob.glob(base + '.*'), key=lambda f: int(f.rsplit('.',1)[1]) if f.rsplit('.',1)[1].isdigit() else 0)
calib = None
for f in files:
    txt = open(f).read()
    m = re.search(r'^desc: Trigger: Client Request: (.*)$', txt, re.M)
    tot = re.search(r'^summary: (\d+)', txt, re.M) or re.search(r'^totals: (\d+)', txt, re.M)
    if not m: continue
    label = m.group(1); ins = int(tot.group(1))
    if label == 'calib1000':
        calib = ins / 1000; print(f'calib per wrapped call {calib:.0f}'); continue
    mc = re.search(r'calls=(\d+)', label); calls = int(mc.group(1)) if mc else 0
    print(f'{label:50s} {ins/N/1e6:8.3f} M/run  (corrected {(ins/N - calls*calib)/1e6:8.3f})')
