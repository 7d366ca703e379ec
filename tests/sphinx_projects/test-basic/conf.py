extensions = ["sphinx_nativeapi"]
nativeapi_projects = {
    "basic": {
        "headers": ["include/basic/api.h", "include/basic/other.h"],
        "include_dirs": ["include"],
        "platforms": ["linux-x86_64", "windows-x86_64"],
    }
}
nativeapi_default_project = "basic"
