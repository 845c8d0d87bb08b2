# Build the Windows application and its installer, on Windows, from the project root:
#     powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
# Needs Python 3.11 or 3.12 (python.org, 64-bit) and Inno Setup 6 (iscc.exe on PATH, or in its
# default folder). Leaves dist\repat\ (the one-folder application) and dist\repat-<version>-setup.exe.
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

if (-not (Test-Path .venv\Scripts\python.exe)) { py -3 -m venv .venv }
.venv\Scripts\python -m pip install --quiet --upgrade pip
.venv\Scripts\python -m pip install --quiet -e ".[dist]"

$version = .venv\Scripts\python -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])"
Remove-Item -Recurse -Force build, dist\repat -ErrorAction SilentlyContinue
.venv\Scripts\pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build\pyinstaller packaging\repat-windows.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# the built programs answer before they are packed
dist\repat\repat.exe --version
if ($LASTEXITCODE -ne 0) { throw "dist\repat\repat.exe does not start" }

$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
& $iscc "/DAppVersion=$version" packaging\repat.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Get-Item "dist\repat-$version-setup.exe"
