; Inno Setup script for the Windows installer (Inno Setup 6). Built on Windows after the
; PyInstaller folder exists (packaging\build_windows.ps1 runs both):
;     iscc /DAppVersion=0.1.0 packaging\repat.iss
; The installer goes to dist\repat-<version>-setup.exe.
;
; Per user, no administrator rights needed (office laptops rarely give them); an administrator
; may still choose "all users". The uninstaller removes only what the installer copied: the
; user's database, backups and logs in %LOCALAPPDATA%\Repat\Repat stay where they are, so a
; re-installation finds them again.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\repat.iss
#endif

[Setup]
AppId={{6F1C2B7E-9A51-4C3D-8E2F-7B4A0D5C9E13}
AppName=Repat
AppVersion={#AppVersion}
AppPublisher=Repat
AppComments=Registry for the repatriation of human remains
DefaultDirName={autopf}\Repat
DefaultGroupName=Repat
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=..\resources\icons\repat.ico
UninstallDisplayIcon={app}\repat-gui.exe
UninstallDisplayName=Repat {#AppVersion}
OutputDir=..\dist
OutputBaseFilename=repat-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "uk"; MessagesFile: "compiler:Languages\Ukrainian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\dist\repat\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Repat"; Filename: "{app}\repat-gui.exe"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,Repat}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Repat"; Filename: "{app}\repat-gui.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\repat-gui.exe"; Description: "{cm:LaunchProgram,Repat}"; Flags: nowait postinstall skipifsilent
