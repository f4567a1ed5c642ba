package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func get(t *testing.T, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	newHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	body, err := io.ReadAll(rec.Result().Body)
	if err != nil {
		t.Fatal(err)
	}
	return rec.Code, string(body)
}

func TestRootGreetsWithHostname(t *testing.T) {
	code, body := get(t, "/")
	if code != http.StatusOK || !strings.HasPrefix(body, "Hello from Go! Host: ") {
		t.Fatalf("GET / = %d %q, want 200 and a greeting", code, body)
	}
}

func TestHealthzAnswersOK(t *testing.T) {
	code, body := get(t, "/healthz")
	if code != http.StatusOK || body != "ok\n" {
		t.Fatalf("GET /healthz = %d %q, want 200 \"ok\\n\"", code, body)
	}
}

func TestListenPortDefaultsAndHonoursPORT(t *testing.T) {
	t.Setenv("PORT", "")
	if got := listenPort(); got != defaultPort {
		t.Fatalf("listenPort() = %q, want %q", got, defaultPort)
	}
	t.Setenv("PORT", "9999")
	if got := listenPort(); got != "9999" {
		t.Fatalf("listenPort() with PORT=9999 = %q", got)
	}
}
