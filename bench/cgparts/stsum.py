"""Sums the callgrind dumps of ``st.py`` (see its docstring). Internal tool (issue 2)."""
import sys, glob, re, collections
base = sys.argv[1]; N = int(sys.argv[2])
acc = collections.Counter(); order = []; cnt = collections.Counter()
for f in glob.glob(base + '.*'):
    txt = open(f, errors='replace').read(4000)
    m = re.search(r'^desc: Trigger: Client Request: (.*)$', txt, re.M)
    if not m: continue
    full = open(f, errors='replace').read()
    tot = re.search(r'^summary: (\d+)', full, re.M) or re.search(r'^totals: (\d+)', full, re.M)
    lab = m.group(1); acc[lab] += int(tot.group(1)); cnt[lab] += 1
def key(l):
    m = re.match(r'L(\d+)', l); return int(m.group(1)) if m else 0
tot = 0
cal = acc.pop('CAL', 0) / max(1, cnt.pop('CAL', 1))
print('overhead per dump', cal)
for l in sorted(acc, key=key):
    c = (acc[l] - cnt[l]*cal)
    print(f'{l:20s} {c/N/1e3:9.1f} k  x{cnt[l]//N}'); tot += c
print(f'total {tot/N/1e6:.3f} M')
