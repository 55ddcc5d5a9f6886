"""Instructions of each statement of one function during ``reflow`` of the seed page.

``stmts.py TREE N MODULE FUNCTION [deep] [file=PATH]``: the function's source is rewritten
with a callgrind dump after each top-level statement (``deep``: after each statement at any
depth); ``stsum.py OUT N`` sums the dumps by statement, less the dump's own cost. Run under
``valgrind --tool=callgrind --collect-atstart=no`` like ``seg.py``. Internal tool (issue 2).
"""
import sys, ast, inspect, textwrap, importlib, glob, re, os
sys.path.insert(0, __import__('os').path.dirname(__file__))
import cgtoggle
wt = sys.argv[1]; sys.path.insert(0, wt)
N = int(sys.argv[2]); modname, fname = sys.argv[3], sys.argv[4]
from layoutkit import reflow as rf
from layoutkit.params import Params
from layoutkit.readers.text import read_lines, text_from_str
from layoutkit.pipeline import resolve_profile
from layoutkit.columns import text_regions
from pathlib import Path
path = str(__import__('pathlib').Path(__file__).resolve().parents[3] / 'shared' / 'seeds' / '000_aec4e68dac08e9c7.txt')
for a in sys.argv[5:]:
    if a.startswith('file='): path = a[5:]
mod = importlib.import_module('layoutkit.' + modname)
src = textwrap.dedent(inspect.getsource(getattr(mod, fname)))
first = inspect.getsourcelines(getattr(mod, fname))[1]
tree = ast.parse(src)
fn = tree.body[0]
fn.decorator_list = []
new = []
for st in fn.body:
    new.append(st)
    lab = f"L{st.lineno + first - 1}-{st.end_lineno + first - 1}"
    new.append(ast.parse(f"__cgd({lab!r})").body[0])
# a return stmt ends the function before its dump: dump before returns too
def fix(body):
    out=[]
    for st in body:
        if isinstance(st, ast.Return):
            lab = f"L{st.lineno + first - 1}-ret"
            out.append(ast.parse(f"__cgd({lab!r})").body[0])
        out.append(st)
    return out
fn.body = fix(new)
DEEP = any(a == 'deep' for a in sys.argv[5:])
if DEEP:
    class V(ast.NodeTransformer):
        def instr(self, body):
            out=[]
            for st in body:
                self.visit(st)
                if isinstance(st, ast.Return):
                    out.append(ast.parse(f"__cgd('L{st.lineno + first - 1}-ret')").body[0])
                out.append(st)
                if not isinstance(st, (ast.Return, ast.Continue, ast.Break)) and not (isinstance(st, ast.Expr) and isinstance(getattr(st,'value',None), ast.Call) and getattr(st.value.func,'id','')=='__cgd'):
                    out.append(ast.parse(f"__cgd('L{st.lineno + first - 1}-{st.end_lineno + first - 1}')").body[0])
            return out
        def generic_visit(self, node):
            for field in ('body','orelse','finalbody'):
                b = getattr(node, field, None)
                if isinstance(b, list) and b and isinstance(b[0], ast.stmt) and node is not fn:
                    setattr(node, field, self.instr(b))
            return node
    for st in fn.body:
        V().visit(st)
ast.fix_missing_locations(tree)
ns = mod.__dict__
ns['__cgd'] = cgtoggle.dump
code = compile(tree, mod.__file__, 'exec')
orig = getattr(mod, fname)
exec(code, ns)
newf = ns[fname]
# patch also in other modules which imported it
for m in list(sys.modules.values()):
    if m and getattr(m, '__name__', '').startswith('layoutkit') and getattr(m, fname, None) is orig:
        setattr(m, fname, newf)
data = Path(path).read_bytes()
params = Params(); rp = params.reflow
lines = read_lines(text_from_str(data.decode()).text, max_lines=params.read.max_lines)
profile, _ = resolve_profile(None, "\n".join(l.text for l in lines[:300]))
regions = text_regions(lines, params.columns, rp.letterspace_share)
def run():
    rf.reflow(regions, profile, rp)
ns['__cgd'] = lambda s: None
for _ in range(3): run()
ns['__cgd'] = cgtoggle.dump
T = cgtoggle.toggle
# wrap func entry: start collection at entry (zero + toggle)
inner = newf
def entry(*a, **k):
    cgtoggle.zero(); T()
    try:
        return inner(*a, **k)
    finally:
        T()
for m in list(sys.modules.values()):
    if m and getattr(m, '__name__', '').startswith('layoutkit') and getattr(m, fname, None) is newf:
        setattr(m, fname, entry)
cgtoggle.zero(); T()
for _ in range(50): cgtoggle.dump('CAL')
T()
for _ in range(N): run()
