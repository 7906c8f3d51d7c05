@echo off
rem camel-onenet launcher for Windows: runs the app of this distribution with a default heap and class-data sharing.
rem   bin\camel-onenet.bat [emulator | --help | --version]
rem JAVA_HOME: the Java to use (17 or later), else java on PATH. JAVA_OPTS: more JVM options, after the defaults.
rem ONENET_CDS=off: no class-data-sharing archive.
setlocal
set "APP_HOME=%~dp0.."
for %%i in ("%APP_HOME%") do set "APP_HOME=%%~fi"
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")

set "DEFAULT_OPTS=-Xmx48m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
set "CDS_OPTS="
if /i "%ONENET_CDS%"=="off" goto run
if not exist "%APP_HOME%\cds" mkdir "%APP_HOME%\cds" 2>nul
set "ARCHIVE=%APP_HOME%\cds\camel-onenet.jsa"
rem Java 19 and later make and refresh the archive themselves; on Java 17 the first run writes it at exit
"%JAVA%" -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="%ARCHIVE%" -version >nul 2>&1
if not errorlevel 1 (
  set "CDS_OPTS=-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=%ARCHIVE%"
) else if exist "%ARCHIVE%" (
  set "CDS_OPTS=-XX:SharedArchiveFile=%ARCHIVE%"
) else (
  set "CDS_OPTS=-XX:ArchiveClassesAtExit=%ARCHIVE%"
)
set "CDS_OPTS=%CDS_OPTS% -Xlog:cds=off -Xlog:cds+dynamic=off"

:run
"%JAVA%" %DEFAULT_OPTS% %CDS_OPTS% %JAVA_OPTS% -Donenet.home="%APP_HOME%" -jar "%APP_HOME%\camel-onenet.jar" %*
exit /b %ERRORLEVEL%
