from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'companions/docker-image.yml.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_o = resolve('o')
    l_0__ = resolve('_')
    l_0_platforms = resolve('platforms')
    l_0_netrc_hosts = resolve('netrc_hosts')
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    pass
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'target_platforms'):
        pass
        l_0_platforms = t_1(context.eval_ctx, environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'target_platforms'), context.call((undefined(name='_') if l_0__ is missing else l_0__), ' and '))
        context.vars['platforms'] = l_0_platforms
        context.exported_vars.add('platforms')
        yield '# Builds '
        yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'app_name'))
        yield "'s image for "
        yield str((undefined(name='platforms') if l_0_platforms is missing else l_0_platforms))
        yield ' and pushes it to GHCR.\n'
    else:
        pass
        yield '# Builds '
        yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'app_name'))
        yield "'s image and pushes it to GHCR.\n"
    yield 'name: docker-image\n\non:\n  push:\n    branches: [main]\n    tags: ["v*"]\n  pull_request:\n\npermissions:\n  contents: read\n  packages: write\n\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n'
    if (environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'target_platforms') and (not environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'cross_compile'))):
        pass
        yield '\n      # The Dockerfile builds natively on each platform: QEMU emulates the foreign ones.\n      - uses: docker/setup-qemu-action@v3\n'
    yield '\n      - uses: docker/setup-buildx-action@v3\n'
    if (environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'private_auth'), 'value') == 'ssh'):
        pass
        yield '\n      # Loads the deploy key that reads the private modules; `ssh: default` forwards the agent.\n      - uses: webfactory/ssh-agent@v0.9.0\n        with:\n          ssh-private-key: ${{ secrets.GO_MODULES_SSH_KEY }}\n'
    yield "\n      - uses: docker/login-action@v3\n        if: github.event_name != 'pull_request'\n        with:\n          registry: ghcr.io\n          username: ${{ github.actor }}\n          password: ${{ secrets.GITHUB_TOKEN }}\n\n      - id: meta\n        uses: docker/metadata-action@v5\n        with:\n          images: ghcr.io/${{ github.repository }}\n          tags: |\n            type=ref,event=branch\n            type=ref,event=pr\n            type=semver,pattern={{version}}\n            type=sha\n\n      - uses: docker/build-push-action@v6\n        with:\n          context: .\n"
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'target_platforms'):
        pass
        if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'cross_compile'):
            pass
            yield '          # The Dockerfile cross-compiles from $BUILDPLATFORM: no QEMU needed.\n'
        yield '          platforms: '
        yield str(t_1(context.eval_ctx, environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'target_platforms'), ','))
        yield '\n'
    yield "          push: ${{ github.event_name != 'pull_request' }}\n          tags: ${{ steps.meta.outputs.tags }}\n          labels: ${{ steps.meta.outputs.labels }}\n"
    if (environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'version_stamp') or environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels')):
        pass
        yield '          build-args: |\n            VERSION=${{ steps.meta.outputs.version }}\n            COMMIT=${{ github.sha }}\n'
        if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'):
            pass
            yield "            CREATED=${{ fromJSON(steps.meta.outputs.json).labels['org.opencontainers.image.created'] }}\n"
    if (environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'private_auth'), 'value') == 'netrc'):
        pass
        yield '          # A token that can read the private modules, as the netrc secret the Dockerfile mounts.\n          secrets: |\n            netrc='
        l_1_loop = missing
        for l_1_host, l_1_loop in LoopContext((undefined(name='netrc_hosts') if l_0_netrc_hosts is missing else l_0_netrc_hosts), undefined):
            _loop_vars = {}
            pass
            yield 'machine '
            yield str(l_1_host)
            yield ' login x-access-token password ${{ secrets.GO_MODULES_TOKEN }}'
            yield str((' ' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 80 in 'companions/docker-image.yml.j2' evaluated to false and no else section was defined.")))
        l_1_loop = l_1_host = missing
        yield '\n'
    elif (environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'private_auth'), 'value') == 'ssh'):
        pass
        yield '          ssh: default\n'
    yield '          cache-from: type=gha\n          cache-to: type=gha,mode=max\n'

blocks = {}
debug_info = '1=21&3=23&4=27&6=34&25=37&32=41&60=45&61=47&64=51&69=54&73=57&77=60&80=64&82=73'