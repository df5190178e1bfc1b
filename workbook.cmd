@echo off
rem The LSM Workbook launcher for Windows: workbook help lists the commands.
rem It builds the tools jar when it is missing, then runs it. Maven: %WORKBOOK_MVN% if set, else
rem mvn from the PATH if it is 3.8 or newer, else the Maven Wrapper beside this script (mvnw.cmd).
setlocal
set "ROOT=%~dp0"
if "%ROOT:~-1%"=="\" set "ROOT=%ROOT:~0,-1%"
set "JAR=%ROOT%\workbook-tools\target\workbook-tools.jar"

where java >nul 2>nul
if errorlevel 1 (
  echo workbook: java is not on the PATH; install JDK 17 or newer ^(see docs\getting-started.md^). 1>&2
  exit /b 2
)

set "QUIET="
if "%~1"=="" set "QUIET=1"
if /i "%~1"=="help" set "QUIET=1"
if /i "%~1"=="-h" set "QUIET=1"
if /i "%~1"=="--help" set "QUIET=1"

if not "%WORKBOOK_MVN%"=="" (
  set "MVN=%WORKBOOK_MVN%"
  if not defined QUIET echo workbook: Maven: %WORKBOOK_MVN% ^(from WORKBOOK_MVN^) 1>&2
  goto maven_chosen
)
set "REASON=mvn is not on the PATH"
where mvn.cmd >nul 2>nul
if errorlevel 1 goto use_wrapper
set "MVNVER="
for /f "tokens=3" %%v in ('mvn.cmd -B -v 2^>nul ^| findstr /b /c:"Apache Maven"') do if not defined MVNVER set "MVNVER=%%v"
set "MAJ=0"
set "MIN=0"
for /f "tokens=1,2 delims=." %%a in ("%MVNVER%") do (
  set "MAJ=%%a"
  set "MIN=%%b"
)
set "REASON=mvn on the PATH is %MVNVER%, older than 3.8"
if %MAJ% GTR 3 goto use_path_maven
if %MAJ% EQU 3 if %MIN% GEQ 8 goto use_path_maven
goto use_wrapper

:use_path_maven
set "MVN=mvn.cmd"
if not defined QUIET echo workbook: Maven: mvn %MVNVER% from the PATH 1>&2
goto maven_chosen

:use_wrapper
if not exist "%ROOT%\mvnw.cmd" (
  echo workbook: %REASON%, and there is no mvnw.cmd here; install Maven 3.8 or newer, or set WORKBOOK_MVN. 1>&2
  exit /b 2
)
set "MVN=%ROOT%\mvnw.cmd"
if not defined QUIET echo workbook: Maven: the Maven Wrapper mvnw.cmd ^(%REASON%^) 1>&2

:maven_chosen
rem The tools start Maven for builds and tests: the same one.
set "WORKBOOK_MVN=%MVN%"

if exist "%JAR%" goto run
echo building the workbook tools... 1>&2
call "%MVN%" -q -B -f "%ROOT%\pom.xml" -pl workbook-tools -DskipTests package 1>&2
if errorlevel 1 (
  echo workbook: building the tools failed ^(see the Maven output above^). 1>&2
  exit /b 2
)

:run
java "-Dworkbook.root=%ROOT%" -jar "%JAR%" %*
exit /b %ERRORLEVEL%
