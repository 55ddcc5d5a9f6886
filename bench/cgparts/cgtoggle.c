#include <Python.h>
#include <valgrind/callgrind.h>
static PyObject* toggle(PyObject* self, PyObject* noargs){ CALLGRIND_TOGGLE_COLLECT; Py_RETURN_NONE; }
static PyObject* zero(PyObject* self, PyObject* noargs){ CALLGRIND_ZERO_STATS; Py_RETURN_NONE; }
static PyObject* dump(PyObject* self, PyObject* arg){ const char* s = PyUnicode_AsUTF8(arg); CALLGRIND_DUMP_STATS_AT(s); Py_RETURN_NONE; }
static PyMethodDef M[] = {{"toggle", toggle, METH_NOARGS, ""},{"zero", zero, METH_NOARGS, ""},{"dump", dump, METH_O, ""},{NULL,NULL,0,NULL}};
static struct PyModuleDef D = {PyModuleDef_HEAD_INIT, "cgtoggle", NULL, -1, M};
PyMODINIT_FUNC PyInit_cgtoggle(void){ return PyModule_Create(&D); }
