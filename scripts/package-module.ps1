<#
.SYNOPSIS
Packages the MbxCtl PowerShell module with the mbxctl binary in the PowerShell Gallery layout.

.DESCRIPTION
Builds mbxctl with `cargo build --release --locked` (unless -SkipBuild) and writes

    out/MbxCtl/<ModuleVersion>/MbxCtl.psd1, MbxCtl.psm1, MbxCtl.Format.ps1xml
    out/MbxCtl/<ModuleVersion>/bin/<rid>/mbxctl[.exe]

Run it once per platform into the same output folder to carry several binaries (win-x64,
linux-x64, osx-arm64, ...); the module picks the one for the machine it runs on. The module
version must equal the crate version in Cargo.toml: one release is one pair.

.EXAMPLE
./scripts/package-module.ps1

.EXAMPLE
./scripts/package-module.ps1 -Target aarch64-unknown-linux-gnu -Rid linux-arm64

.EXAMPLE
./scripts/package-module.ps1; Publish-Module -Path ./out/MbxCtl/0.1.0 -NuGetApiKey $key
#>
[CmdletBinding()]
param(
    [string] $OutputPath = (Join-Path (Split-Path -Parent $PSScriptRoot) 'out'),
    [string] $Rid,
    [string] $Target,
    [switch] $SkipBuild
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent $PSScriptRoot
$source = Join-Path (Join-Path $root 'module') 'MbxCtl'
$manifestPath = Join-Path $source 'MbxCtl.psd1'
$version = (Import-PowerShellDataFile -Path $manifestPath).ModuleVersion

$cargoToml = Get-Content -LiteralPath (Join-Path $root 'Cargo.toml') -Raw
if ($cargoToml -notmatch '(?m)^version = "([^"]+)"') { throw 'Cargo.toml has no version line' }
if ($Matches[1] -ne $version) {
    throw "MbxCtl.psd1 ModuleVersion $version differs from Cargo.toml version $($Matches[1]); release them as one pair."
}

$onWindows = [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT
if (-not $Rid) {
    $os = 'linux'
    if ($onWindows) {
        $os = 'win'
    } elseif ((& uname -s) -eq 'Darwin') {
        $os = 'osx'
    }
    $arch = 'x64'
    try {
        $arch = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
    } catch {
        if ($env:PROCESSOR_ARCHITECTURE -eq 'ARM64') { $arch = 'arm64' }
    }
    $Rid = "$os-$arch"
}
$exeName = 'mbxctl'
if ($Rid -like 'win-*') { $exeName = 'mbxctl.exe' }

Push-Location $root
try {
    if (-not $SkipBuild) {
        $cargoArgs = @('build', '--release', '--locked')
        if ($Target) { $cargoArgs += @('--target', $Target) }
        & cargo @cargoArgs
        if ($LASTEXITCODE -ne 0) { throw "cargo build failed with exit code $LASTEXITCODE" }
    }
} finally {
    Pop-Location
}

$releaseDir = Join-Path (Join-Path $root 'target') 'release'
if ($Target) { $releaseDir = Join-Path (Join-Path (Join-Path $root 'target') $Target) 'release' }
$binary = Join-Path $releaseDir $exeName
if (-not (Test-Path -LiteralPath $binary)) { throw "No binary at $binary; build it first (or drop -SkipBuild)." }

$destination = Join-Path (Join-Path $OutputPath 'MbxCtl') $version
$binDir = Join-Path (Join-Path $destination 'bin') $Rid
New-Item -ItemType Directory -Path $binDir -Force | Out-Null
foreach ($file in 'MbxCtl.psd1', 'MbxCtl.psm1', 'MbxCtl.Format.ps1xml') {
    Copy-Item -LiteralPath (Join-Path $source $file) -Destination $destination -Force
}
Copy-Item -LiteralPath $binary -Destination (Join-Path $binDir $exeName) -Force
if (-not $onWindows) {
    & chmod 755 (Join-Path $binDir $exeName)
    if ($LASTEXITCODE -ne 0) { throw 'chmod failed' }
}

$check = Test-ModuleManifest -Path (Join-Path $destination 'MbxCtl.psd1')
Write-Output ("Packaged MbxCtl {0} with bin/{1}/{2} in {3}" -f $check.Version, $Rid, $exeName, $destination)
