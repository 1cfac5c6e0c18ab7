; Inno Setup 6 script: a per-user installer for the one-folder Windows build.
;
; Build dist\liaison-desktop\ first (packaging\README.md), then, from the repository root:
;
;   for /f %v in ('.venv\Scripts\python -c "import liaison_desktop; print(liaison_desktop.__version__)"') do ^
;     "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=%v packaging\windows\liaison-desktop.iss
;
; The version is never typed here: it comes from liaison_desktop/__init__.py through /DAppVersion.
; Per-user: no administrator rights, installed under %LOCALAPPDATA%\Programs. Uninstalling
; removes the program only; the officer's encrypted vault (%APPDATA%\LiaisonDesktop) stays,
; because deleting case records is a records-management decision, not an uninstaller's.

#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z (see packaging\README.md)
#endif

#define AppName "Liaison Desktop"
#define AppExe "liaison-desktop.exe"
#define Root "..\.."

[Setup]
; The AppId identifies the app across versions for upgrades and uninstall; never change it.
AppId={{6F1C2B7E-3D5A-4B8E-9C41-2A7D5E0F9B13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The Liaison Desktop team
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Uninstallable=yes
SetupIconFile={#Root}\liaison_desktop\resources\icons\liaison-desktop.ico
OutputDir={#Root}\dist
OutputBaseFilename=liaison-desktop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Close a running copy before replacing its files, and start it again afterwards.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\liaison-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Your encrypted caseload"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
