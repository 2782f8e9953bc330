@echo off
rem Starts the psrpcore test peer the way pwsh is started (see pwsh-peer).
"%~dp0..\..\.venv\Scripts\python.exe" -u "%~dp0peer.py" %*
