# The example library's project dict comes from the test (confoverrides): it names files in the repo.
extensions = ["sphinx_nativeapi"]
