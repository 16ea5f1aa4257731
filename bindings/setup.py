"""Builds the standmatch extension with CMake: the module is bindings/CMakeLists.txt's target."""
import os
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        out_dir = os.path.dirname(os.path.abspath(self.get_ext_fullpath(ext.name)))
        build_dir = os.path.abspath(os.path.join(self.build_temp, "cmake"))
        os.makedirs(build_dir, exist_ok=True)
        subprocess.run(["cmake", "-S", HERE, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release",
                        "-DPython_EXECUTABLE=" + sys.executable], check=True)
        subprocess.run(["cmake", "--build", build_dir, "--target", "standmatch_python",
                        "-j", str(os.cpu_count() or 1)], check=True)
        # The target writes the module into the top of its build directory.
        os.makedirs(out_dir, exist_ok=True)
        self.copy_file(os.path.join(build_dir, os.path.basename(self.get_ext_fullpath(ext.name))),
                       self.get_ext_fullpath(ext.name))


setup(ext_modules=[CMakeExtension("standmatch")], cmdclass={"build_ext": CMakeBuild})
