package platform

import "testing"

const vkPacket = 0xE7

type winMsg struct {
	msg    uint32
	wParam uintptr
}

// TestBackspaceTracker replays the message streams Windows delivers for each way a backspace
// arrives and counts the Backspace key presses GLFW ends up seeing (its own key-downs plus the
// converted characters).
func TestBackspaceTracker(t *testing.T) {
	keyDown := func(vk uintptr) winMsg { return winMsg{msgKeyDown, vk} }
	char := func(c uintptr) winMsg { return winMsg{msgChar, c} }
	up := func(vk uintptr) winMsg { return winMsg{msgKeyUp, vk} }
	var held []winMsg
	for i := 0; i < 5; i++ { // auto-repeat: key-down, character, key-down, character …
		held = append(held, keyDown(keyBack), char(keyBack))
	}
	held = append(held, up(keyBack))

	cases := []struct {
		name   string
		stream []winMsg
		want   int // Backspace presses GLFW sees
	}{
		{"real Backspace key: one press deletes one character", []winMsg{keyDown(keyBack), char(keyBack), up(keyBack)}, 1},
		{"held Backspace: each repeat deletes one", held, 5},
		{"Unikey (KEYEVENTF_UNICODE 0x08): VK_PACKET then WM_CHAR 8 is converted",
			[]winMsg{keyDown(vkPacket), char(keyBack), up(vkPacket), keyDown(vkPacket), char(keyBack), up(vkPacket)}, 2},
		{"input method sending VK_BACK key events: passes through",
			[]winMsg{keyDown(keyBack), up(keyBack), keyDown(keyBack), char(keyBack), up(keyBack)}, 2},
		{"Ctrl+Backspace (WM_CHAR 0x7F) is left alone", []winMsg{keyDown(0x11), keyDown(keyBack), char(0x7F), up(keyBack)}, 1},
		{"a character 8 after the echo has been consumed is converted",
			[]winMsg{keyDown(keyBack), char(keyBack), char(keyBack)}, 2},
		{"a letter then Unikey's backspace", []winMsg{keyDown('A'), char('a'), up('A'), keyDown(vkPacket), char(keyBack)}, 1},
		{"Alt+Backspace (WM_SYSKEYDOWN) followed by its character",
			[]winMsg{{msgSysKeyDown, keyBack}, char(keyBack)}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var tr backspaceTracker
			presses := 0
			for _, m := range c.stream {
				if (m.msg == msgKeyDown || m.msg == msgSysKeyDown) && m.wParam == keyBack {
					presses++
				}
				if tr.convert(m.msg, m.wParam) {
					presses++
				}
			}
			if presses != c.want {
				t.Errorf("GLFW sees %d Backspace presses, want %d", presses, c.want)
			}
		})
	}
}
