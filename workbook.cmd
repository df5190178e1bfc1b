@echo off
rem The LSM Workbook launcher for Windows: workbook help lists the commands.
rem It builds the tools jar when it is missing, then runs it.
setlocal
set "ROOT=%~dp0"
if "%ROOT:~-1%"=="\" set "ROOT=%ROOT:~0,-1%"
set "JAR=%ROOT%\workbook-tools\target\workbook-tools.jar"
set "MVN=%WORKBOOK_MVN%"
if "%MVN%"=="" set "MVN=mvn.cmd"

where java >nul 2>nul
if errorlevel 1 (
  echo workbook: java is not on the PATH; install JDK 17 or newer ^(see docs\getting-started.md^). 1>&2
  exit /b 2
)

if exist "%JAR%" goto run
where "%MVN%" >nul 2>nul
if errorlevel 1 if not exist "%MVN%" (
  echo workbook: %MVN% is not on the PATH; install Maven 3.8 or newer, or set WORKBOOK_MVN. 1>&2
  exit /b 2
)
echo building the workbook tools... 1>&2
call "%MVN%" -q -B -f "%ROOT%\pom.xml" -pl workbook-tools -DskipTests package 1>&2
if errorlevel 1 (
  echo workbook: building the tools failed ^(see the Maven output above^). 1>&2
  exit /b 2
)

:run
java "-Dworkbook.root=%ROOT%" -jar "%JAR%" %*
exit /b %ERRORLEVEL%
