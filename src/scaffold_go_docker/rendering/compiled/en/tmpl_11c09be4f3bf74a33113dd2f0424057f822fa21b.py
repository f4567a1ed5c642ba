from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'app/main_test.go.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    pass
    yield 'package main\n\nimport (\n\t"io"\n\t"net/http"\n\t"net/http/httptest"\n\t"strings"\n\t"testing"\n)\n\nfunc get(t *testing.T, path string) (int, string) {\n\tt.Helper()\n\trec := httptest.NewRecorder()\n\tnewHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))\n\tbody, err := io.ReadAll(rec.Result().Body)\n\tif err != nil {\n\t\tt.Fatal(err)\n\t}\n\treturn rec.Code, string(body)\n}\n\nfunc TestRootGreetsWithHostname(t *testing.T) {\n\tcode, body := get(t, "/")\n\tif code != http.StatusOK || !strings.HasPrefix(body, "Hello from Go! Host: ") {\n\t\tt.Fatalf("GET / = %d %q, want 200 and a greeting", code, body)\n\t}\n}\n\nfunc TestHealthzAnswersOK(t *testing.T) {\n\tcode, body := get(t, "/healthz")\n\tif code != http.StatusOK || body != "ok\\n" {\n\t\tt.Fatalf("GET /healthz = %d %q, want 200 \\"ok\\\\n\\"", code, body)\n\t}\n}\n\nfunc TestListenPortDefaultsAndHonoursPORT(t *testing.T) {\n\tt.Setenv("PORT", "")\n\tif got := listenPort(); got != defaultPort {\n\t\tt.Fatalf("listenPort() = %q, want %q", got, defaultPort)\n\t}\n\tt.Setenv("PORT", "9999")\n\tif got := listenPort(); got != "9999" {\n\t\tt.Fatalf("listenPort() with PORT=9999 = %q", got)\n\t}\n}\n'

blocks = {}
debug_info = ''