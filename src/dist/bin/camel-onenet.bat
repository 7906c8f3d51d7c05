@echo off
rem camel-onenet launcher for Windows: runs the app of this distribution with a default heap, class-data sharing, and
rem an end to the process at the first OutOfMemoryError (so that a service manager restarts it).
rem   bin\camel-onenet.bat [--help | --version]
rem JAVA_HOME: the Java to use (17 or later), else java on PATH. JAVA_OPTS: more JVM options, after the defaults.
rem ONENET_CDS=off: no class-data-sharing archive. ONENET_CDS_DIR: where it lives (default cds\ of this distribution).
setlocal
set "APP_HOME=%~dp0.."
for %%i in ("%APP_HOME%") do set "APP_HOME=%%~fi"
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")

set "DEFAULT_OPTS=-Xmx48m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError"
set "JAR=%APP_HOME%\camel-onenet.jar"

rem no archive for --help and --version: only a run that reached its first connection makes one
if /i "%ONENET_CDS%"=="off" goto plain
if /i "%~1"=="--help" goto plain
if /i "%~1"=="-h" goto plain
if /i "%~1"=="--version" goto plain
if /i "%~1"=="-v" goto plain

if defined ONENET_CDS_DIR (set "CDS_DIR=%ONENET_CDS_DIR%") else (set "CDS_DIR=%APP_HOME%\cds")
if not exist "%CDS_DIR%" mkdir "%CDS_DIR%" 2>nul
if not exist "%CDS_DIR%" goto plain
set "ARCHIVE=%CDS_DIR%\camel-onenet.jsa"
set "READY=%CDS_DIR%\ready-%RANDOM%.txt"
rem the archive belongs to one Java and one set of jars: their listing (names, sizes, times) is its key
set "STAMP=%CDS_DIR%\stamp-%RANDOM%.txt"
("%JAVA%" -XshowSettings:properties -version 2>&1 | findstr /c:"java.home" /c:"java.runtime.version") > "%STAMP%"
dir /-c "%APP_HOME%\lib" "%JAR%" | findstr /v /c:"bytes free" >> "%STAMP%"
if exist "%ARCHIVE%" (
  fc /b "%STAMP%" "%ARCHIVE%.key" >nul 2>&1 || del /q "%ARCHIVE%" "%ARCHIVE%.key" 2>nul
)
if exist "%READY%" del /q "%READY%"

if not exist "%ARCHIVE%" goto make
rem -Xshare:on and its checksums: an archive the JVM cannot use stops it at once instead of being ignored
"%JAVA%" %DEFAULT_OPTS% -XX:SharedArchiveFile="%ARCHIVE%" -Xshare:on -XX:+VerifySharedSpaces -Xlog:cds=off ^
  -Xlog:cds+dynamic=off -Donenet.launcher.ready-file="%READY%" %JAVA_OPTS% -Donenet.home="%APP_HOME%" -jar "%JAR%" %*
set "STATUS=%ERRORLEVEL%"
if exist "%READY%" goto done
if not "%STATUS%"=="1" goto done
echo camel-onenet: the JVM could not start with the class-data-sharing archive %ARCHIVE%; removed, starting without it 1>&2
del /q "%ARCHIVE%" "%ARCHIVE%.key" 2>nul

:make
rem no archive yet: this run makes one in a file of its own, kept only if the app reached its first connection
set "MAKING=%CDS_DIR%\making-%RANDOM%.jsa"
"%JAVA%" %DEFAULT_OPTS% -XX:ArchiveClassesAtExit="%MAKING%" -Xlog:cds=off -Xlog:cds+dynamic=off ^
  -Donenet.launcher.ready-file="%READY%" %JAVA_OPTS% -Donenet.home="%APP_HOME%" -jar "%JAR%" %*
set "STATUS=%ERRORLEVEL%"
if exist "%READY%" if exist "%MAKING%" (
  move /y "%MAKING%" "%ARCHIVE%" >nul
  copy /y "%STAMP%" "%ARCHIVE%.key" >nul
)
if exist "%MAKING%" del /q "%MAKING%"

:done
if exist "%READY%" del /q "%READY%"
if exist "%STAMP%" del /q "%STAMP%"
exit /b %STATUS%

:plain
"%JAVA%" %DEFAULT_OPTS% %JAVA_OPTS% -Donenet.home="%APP_HOME%" -jar "%JAR%" %*
exit /b %ERRORLEVEL%
