from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'app/go.mod.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_o = resolve('o')
    pass
    yield 'module '
    yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'module_path'))
    yield '\n\ngo '
    yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'go_version'))
    yield '\n'

blocks = {}
debug_info = '1=13&3=15'