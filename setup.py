"""azcli: a fast, az-compatible command-line tool for Azure, with an embedded local cloud."""
from setuptools import find_packages, setup

PACKAGES = ["azcli"] + ["azcli." + p for p in find_packages("src/azcli")] + \
    ["azcli.command_modules"] + ["azcli.command_modules." + p for p in find_packages("command_modules")]

setup(
    name="azcli",
    version="0.1.0",
    description="Azure command-line tool, az-compatible, with an embedded local ARM cloud",
    long_description=open("README.md", encoding="utf-8").read() if __import__("os").path.exists("README.md") else "",
    long_description_content_type="text/markdown",
    python_requires=">=3.9",
    package_dir={"azcli": "src/azcli", "azcli.command_modules": "command_modules"},
    packages=PACKAGES,
    include_package_data=True,
    package_data={"azcli.framework": ["command_index.json", "help_index.json"],
                  "azcli.emulator.rp": ["catalog.json"],
                  "azcli.emulator.wire": ["route_table.json"],
                  "azcli.command_modules": ["*/help.yaml", "*/help_*.yaml"]},
    install_requires=[
        "knack>=0.14,<0.15",
        "azure-core>=1.30",
        "azure-mgmt-core>=1.4",
        "azure-mgmt-resource>=26,<27",
        "azure-mgmt-resource-subscriptions>=1.0",
        "azure-mgmt-resource-locks>=1.0",
        "azure-mgmt-resource-deployments>=2.0",
        "azure-mgmt-resource-templatespecs>=1.0",
        "azure-mgmt-managementgroups>=2.0",
        "azure-mgmt-msi>=7.1",
        "azure-mgmt-authorization>=4.0",
        "azure-mgmt-storage>=25,<26",
        "azure-mgmt-keyvault>=14",
        "azure-keyvault-secrets>=4.10",
        "azure-identity>=1.19",
        "jmespath>=1.0",
        "tabulate>=0.9",
        "werkzeug>=3.0",
        "cheroot>=10",
        "cryptography>=42",
        "PyYAML>=6",
    ],
    extras_require={"test": ["pytest>=8", "openapi-schema-validator>=0.6", "jsonschema>=4", "hypothesis>=6",
                    "schemathesis>=4"]},
    scripts=["bin/azcli"],  # not console_scripts: see bin/azcli
)
