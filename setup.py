"""Build configuration that pyproject.toml cannot state: which packages ship, and, on Python 3.13 and later,
durable-rules 2.0.28 built from vendor/ (its last release does not import on 3.13; see the README there)."""
import sys

from setuptools import Extension, find_packages, setup

VENDOR = "vendor/durable-rules-2.0.28"

packages = ["scoring", *(f"scoring.{p}" for p in find_packages("scoring")),
            "hoctap_criteria", "hoctap_criteria.cases", "hoctap_criteria.goals", "hoctap_criteria.thongke"]
package_dir = {"scoring": "scoring", "hoctap_criteria": "criteria",
               "hoctap_criteria.cases": "criteria/cases", "hoctap_criteria.goals": "criteria/goals",
               "hoctap_criteria.thongke": "criteria/thongke"}
ext_modules = []

if sys.version_info >= (3, 13):
    packages.append("durable")
    package_dir["durable"] = f"{VENDOR}/libpy/durable"
    ext_modules.append(Extension(
        "durable_rules_engine",   # the module name durable/engine.py imports
        sources=[f"{VENDOR}/src/rulespy/rules.c"] + [f"{VENDOR}/src/rules/{name}.c"
                                                      for name in ("json", "rete", "state", "events", "regex")],
        include_dirs=[f"{VENDOR}/src/rules"],
        define_macros=[("PyEval_CallObject", "PyObject_CallObject"), ("_GNU_SOURCE", None)],
        extra_compile_args=[] if sys.platform == "win32" else ["-std=c99"],
    ))

setup(packages=packages, package_dir=package_dir, ext_modules=ext_modules)
