"""Instructions of chosen functions inside ``reflow`` of the seed page (valgrind callgrind).

Each target function is wrapped so that callgrind collects only while it runs (a tiny C
extension, ``cgtoggle.c``, issues the client requests), ``reflow`` runs N times and the
counts are dumped per target; ``segsum.py`` prints instructions per ``reflow`` run, less
the wrapper's own cost (calibrated). Build the extension once, then::

    PY=/root/.pyenv/versions/3.11.7/bin/python
    gcc -O2 -shared -fPIC $($PY-config --includes) bench/cgparts/cgtoggle.c \
        -o bench/cgparts/cgtoggle$($PY-config --extension-suffix)
    PYTHONHASHSEED=0 valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file=/tmp/s \
        $PY bench/cgparts/seg.py . 5 ALL reflow:build_boxes continuation:_tail_scores
    $PY bench/cgparts/segsum.py /tmp/s 5

Targets are ``module:function`` (``reflow,continuation:unclosed`` patches the name in
both modules; ``continuation:Vocabulary.followers`` a method). Internal tool (issue 2).
"""
import sys, importlib
sys.path.insert(0, __import__('os').path.dirname(__file__))
import cgtoggle
wt = sys.argv[1]; sys.path.insert(0, wt)
N = int(sys.argv[2])
from layoutkit import reflow as rf
from layoutkit.params import Params
from layoutkit.readers.text import read_lines, text_from_str
from layoutkit.pipeline import resolve_profile
from layoutkit.columns import text_regions
from pathlib import Path
path = str(__import__('pathlib').Path(__file__).resolve().parents[3] / 'shared' / 'seeds' / '000_aec4e68dac08e9c7.txt')
for a in sys.argv[3:]:
    if a.startswith('file='): path = a[5:]
data = Path(path).read_bytes()
params = Params(); rp = params.reflow
lines = read_lines(text_from_str(data.decode()).text, max_lines=params.read.max_lines)
profile, _ = resolve_profile(None, "\n".join(l.text for l in lines[:300]))
regions = text_regions(lines, params.columns, rp.letterspace_share)
for _ in range(3): rf.reflow(regions, profile, rp)
T = cgtoggle.toggle
def noop(): pass
def wrapped(f):
    def w(*a, **k):
        T(); r = f(*a, **k); T(); return r
    return w
# calibration
cgtoggle.zero()
wn = wrapped(noop)
for _ in range(1000): wn()
cgtoggle.dump("calib1000")
for t in sys.argv[3:]:
    if t.startswith('file='): continue
    if t == 'ALL':
        cgtoggle.zero(); T()
        for _ in range(N): rf.reflow(regions, profile, rp)
        T(); cgtoggle.dump('ALL'); continue
    modname, fname = t.split(':')
    mods = [importlib.import_module('layoutkit.' + m) for m in modname.split(',')]
    if '.' in fname:
        cls, fname = fname.split('.')
        mods = [getattr(mods[0], cls)]
    orig = getattr(mods[0], fname)
    w = wrapped(orig)
    calls = [0]
    def counting(*a, _w=w, **k):
        calls[0] += 1; return _w(*a, **k)
    for m in mods: setattr(m, fname, counting)
    cgtoggle.zero()
    for _ in range(N): rf.reflow(regions, profile, rp)
    cgtoggle.dump(f'{t} calls={calls[0]//N}')
    for m in mods: setattr(m, fname, orig)
