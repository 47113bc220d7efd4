; Sổ Công đoàn: the Windows installer (NSIS 3), made from the PyInstaller one-folder build.
;
;   makensis /DDIST_DIR=dist\congdoan [/DVERSION=0.1.0] [/DOUTFILE=SoCongDoan-0.1.0-setup.exe] installer\congdoan.nsi
;   (on Linux: makensis -DDIST_DIR=dist/congdoan installer/congdoan.nsi)
;
; DIST_DIR   the PyInstaller output folder (congdoan.exe, congdoan-cli.exe, _internal\); a
;            relative path is taken from installer\ (makensis works in the script's folder)
; VERSION    defaults to the version in pyproject.toml
; OUTFILE    defaults to SoCongDoan-<version>-setup.exe beside DIST_DIR
;
; - For the current user only, no administrator rights: $LOCALAPPDATA\Programs\SoCongDoan,
;   the uninstall entry under HKCU, shortcuts in the user's Start menu and desktop.
; - The data (database, backups, logs) lives in the user's data folder,
;   $LOCALAPPDATA\SoCongDoan (platformdirs' user_data_dir for desktop.APP_DIR_NAME), never
;   in the program's folder: installing a new version over an old one replaces the program
;   and keeps the data.
; - The uninstaller asks (default: No) before it removes the data folder; silent (/S) it
;   keeps the data unless it is given /REMOVEDATA.
; - Silent install: setup.exe /S [/D=folder]; silent uninstall: uninstall.exe /S [/REMOVEDATA].
;   Exit codes: 0 done, 1 cancelled, 2 stopped (e.g. the program is still running).

Unicode true
!ifdef TARGET
  Target ${TARGET}  ; amd64-unicode: a 64-bit installer (Debian's NSIS has its stubs; the x86 one runs everywhere)
!endif
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef DIST_DIR
  !error "Give the PyInstaller output folder: makensis /DDIST_DIR=dist\congdoan installer\congdoan.nsi"
!endif
!if ! /FileExists "${DIST_DIR}/congdoan.exe"
  !error "No congdoan.exe in DIST_DIR=${DIST_DIR}: build it first (pyinstaller installer/congdoan.spec)"
!endif
!ifndef VERSION
  ; The first line of pyproject.toml with version = "…" in it: [project]'s (tests/installer checks).
  !searchparse /file "../pyproject.toml" `version = "` VERSION `"`
!endif
!ifndef VERSION_QUAD  ; Windows wants four numbers
  !define VERSION_QUAD "${VERSION}.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "${DIST_DIR}/../SoCongDoan-${VERSION}-setup.exe"  ; beside the program folder
!endif

!define APP_NAME "Sổ Công đoàn"
!define PUBLISHER "Sổ Công đoàn"
; desktop.APP_DIR_NAME: the data folder's name, and QSettings' organization (the
; registry key HKCU\Software\SoCongDoan). tests/installer checks it against the code.
!define DATA_DIR_NAME "SoCongDoan"
!define INSTALL_DIR_NAME "SoCongDoan"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\SoCongDoan"
!define ICON "../resources/icons/congdoan.ico"
!echo "${APP_NAME} ${VERSION} from ${DIST_DIR} -> ${OUTFILE}"

Name "${APP_NAME}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${INSTALL_DIR_NAME}"
; An earlier install (wherever it went) is upgraded in place.
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION_QUAD}"
VIFileVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileDescription" "Cài đặt ${APP_NAME}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\congdoan.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${APP_NAME} ngay"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Vietnamese"

; The program's files: all of them ours, so an upgrade may replace them wholesale.
!macro REMOVE_PROGRAM_FILES
  Delete "$INSTDIR\congdoan.exe"
  Delete "$INSTDIR\congdoan-cli.exe"
  RMDir /r "$INSTDIR\_internal"
!macroend

; Sets the error flag when congdoan.exe or congdoan-cli.exe is running from $INSTDIR
; (Windows refuses to delete a running program's file).
!macro CHECK_NOT_RUNNING LABEL_RUNNING
  ClearErrors
  ${If} ${FileExists} "$INSTDIR\congdoan.exe"
    Delete "$INSTDIR\congdoan.exe"
  ${EndIf}
  ${IfNot} ${Errors}
  ${AndIf} ${FileExists} "$INSTDIR\congdoan-cli.exe"
    Delete "$INSTDIR\congdoan-cli.exe"
  ${EndIf}
  IfErrors ${LABEL_RUNNING}
!macroend

Function .onVerifyInstDir
  ; Never the data folder: the uninstaller may remove that one whole.
  ${If} $INSTDIR == "$LOCALAPPDATA\${DATA_DIR_NAME}"
    Abort
  ${EndIf}
FunctionEnd

Section "${APP_NAME}" SecProgram
  SectionIn RO
  ${If} $INSTDIR == "$LOCALAPPDATA\${DATA_DIR_NAME}"
    MessageBox MB_OK|MB_ICONSTOP "Không cài vào thư mục dữ liệu $INSTDIR: hãy chọn thư mục khác." /SD IDOK
    SetErrorLevel 2
    Quit
  ${EndIf}
  SetOutPath "$INSTDIR"

  ; Upgrade: the old program must be closed, then its files go (the data stays where it is).
  retry:
  !insertmacro CHECK_NOT_RUNNING running
  Goto closed
  running:
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION \
      "${APP_NAME} đang chạy. Hãy đóng phần mềm rồi bấm Thử lại." \
      /SD IDCANCEL IDRETRY retry
    DetailPrint "${APP_NAME} đang chạy: dừng cài đặt."
    SetErrorLevel 2
    Quit
  closed:
  !insertmacro REMOVE_PROGRAM_FILES

  File /r "${DIST_DIR}/*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\congdoan.exe" "" "$INSTDIR\congdoan.exe" 0
  CreateShortCut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\congdoan.exe" "" "$INSTDIR\congdoan.exe" 0

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\congdoan.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  retry:
  !insertmacro CHECK_NOT_RUNNING running
  Goto closed
  running:
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION \
      "${APP_NAME} đang chạy. Hãy đóng phần mềm rồi bấm Thử lại." /SD IDCANCEL IDRETRY retry
    SetErrorLevel 2
    Quit
  closed:
  !insertmacro REMOVE_PROGRAM_FILES
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only if empty: never a folder the user put other things in
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"

  ; The data: asked (default No); silent, only with /REMOVEDATA.
  StrCpy $1 "no"
  ${If} ${Silent}
    ${GetParameters} $0
    ClearErrors
    ${GetOptions} $0 "/REMOVEDATA" $2
    ${IfNot} ${Errors}
      StrCpy $1 "yes"
    ${EndIf}
  ${ElseIf} ${FileExists} "$LOCALAPPDATA\${DATA_DIR_NAME}\*.*"
    MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 \
      "Xoá luôn dữ liệu của ${APP_NAME} (danh sách đoàn viên, sổ sách, các bản sao lưu) trong thư mục$\r$\n\
$LOCALAPPDATA\${DATA_DIR_NAME}?$\r$\n$\r$\n\
Dữ liệu đã xoá thì không lấy lại được. Chọn Không để giữ lại: cài lại phần mềm sẽ dùng tiếp dữ liệu này." \
      /SD IDNO IDNO keep
    StrCpy $1 "yes"
    keep:
  ${EndIf}
  ${If} $1 == "yes"
    DetailPrint "Xoá dữ liệu: $LOCALAPPDATA\${DATA_DIR_NAME}"
    RMDir /r "$LOCALAPPDATA\${DATA_DIR_NAME}"
    DeleteRegKey HKCU "Software\${DATA_DIR_NAME}"  ; QSettings: language, window size
  ${Else}
    DetailPrint "Giữ dữ liệu: $LOCALAPPDATA\${DATA_DIR_NAME}"
  ${EndIf}
SectionEnd
