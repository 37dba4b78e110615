/* Test tooling only: types into a running window the way Unikey and EVKey do. They let plain letters
 * through and, to put a mark on a letter already typed, send backspaces as characters
 * (SendInput with KEYEVENTF_UNICODE and the code 0x08, which Windows delivers as WM_CHAR 8) and then
 * the composed letters. GLFW drops WM_CHAR 8; KetNghia's window procedure turns it into a real
 * Backspace key.
 *
 *   unikey.exe TITLE [KEYS]
 *
 * TITLE: part of the window's title. KEYS (UTF-8 from the command line): what to send, with '<'
 * for one Unikey backspace; by default Unikey's Telex input for "hoà nội đường".
 *
 *   unikey.exe --vk TITLE [KEYS]
 *
 * sends each '<' as a Backspace key event instead (SendInput with wVk = VK_BACK: WM_KEYDOWN VK_BACK,
 * then WM_CHAR 8 through TranslateMessage), as other input methods and Unikey's alternative modes do,
 * and as a person pressing the key. In KEYS, '{' holds Backspace down for five auto-repeated key-downs
 * and then releases it (five characters deleted).
 *
 *   x86_64-w64-mingw32-gcc -municode -O2 -o unikey.exe unikey.c -luser32
 */
#include <windows.h>
#include <stdio.h>
#include <wchar.h>

static const wchar_t *title_part;
static HWND found;

static BOOL CALLBACK find_window(HWND hwnd, LPARAM unused) {
    wchar_t title[512];
    (void)unused;
    if (IsWindowVisible(hwnd) && GetWindowTextW(hwnd, title, 512) > 0 && wcsstr(title, title_part)) {
        found = hwnd;
        return FALSE;
    }
    return TRUE;
}

static void send_vk(WORD vk, DWORD flags) {
    INPUT in;
    ZeroMemory(&in, sizeof in);
    in.type = INPUT_KEYBOARD;
    in.ki.wVk = vk;
    in.ki.wScan = (WORD)MapVirtualKeyW(vk, MAPVK_VK_TO_VSC);
    in.ki.dwFlags = flags;
    SendInput(1, &in, sizeof(INPUT));
}

/* hold_back: five key-downs without a key-up, as the keyboard's auto-repeat sends them. */
static void hold_back(void) {
    for (int i = 0; i < 5; i++) {
        send_vk(VK_BACK, 0);
        Sleep(40);
    }
    send_vk(VK_BACK, KEYEVENTF_KEYUP);
    Sleep(40);
}

static void send_unit(wchar_t c) {
    INPUT in[2];
    ZeroMemory(in, sizeof in);
    in[0].type = INPUT_KEYBOARD;
    in[0].ki.wScan = c;
    in[0].ki.dwFlags = KEYEVENTF_UNICODE;
    in[1] = in[0];
    in[1].ki.dwFlags = KEYEVENTF_UNICODE | KEYEVENTF_KEYUP;
    SendInput(2, in, sizeof(INPUT));
    Sleep(40);
}

int wmain(int argc, wchar_t **argv) {
    /* h o a f → "hoa", then f: ⌫ "à"; n o o → ⌫ "ô"; i j → ⌫⌫ "ội";
     * d d → ⌫ "đ"; u w → ⌫ "ư"; o w → ⌫ "ơ"; n g f → ⌫⌫⌫ "ờng" */
    const wchar_t *keys = L"hoa<\u00e0 no<\u00f4i<<\u1ed9i d<\u0111u<\u01b0o<\u01a1ng<<<\u1eddng";
    int vk = 0;
    if (argc > 1 && wcscmp(argv[1], L"--vk") == 0) {
        vk = 1;
        argv++;
        argc--;
    }
    if (argc < 2) {
        fwprintf(stderr, L"usage: unikey.exe [--vk] TITLE [KEYS]\n");
        return 2;
    }
    title_part = argv[1];
    if (argc > 2) {
        keys = argv[2];
    }
    for (int i = 0; i < 600 && !found; i++) {
        EnumWindows(find_window, 0);
        if (!found) {
            Sleep(100);
        }
    }
    if (!found) {
        fwprintf(stderr, L"unikey: no window with \"%ls\" in its title\n", title_part);
        return 1;
    }
    SetForegroundWindow(found);
    Sleep(1000);
    for (const wchar_t *k = keys; *k; k++) {
        if (*k == L'{') {
            hold_back();
        } else if (*k == L'<' && vk) {
            send_vk(VK_BACK, 0);
            send_vk(VK_BACK, KEYEVENTF_KEYUP);
            Sleep(40);
        } else {
            send_unit(*k == L'<' ? 0x08 : *k);
        }
    }
    Sleep(500);
    return 0;
}
