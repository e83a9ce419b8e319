<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>CiExport</name>
    <message>
        <source>Installing mocket-cli from %1</source>
        <translation>Instalando o mocket-cli a partir de %1</translation>
    </message>
    <message>
        <source>mocket-cli is not installed: install its .deb or its container image, or build it from the Mocket sources (see Packages in Mocket&apos;s README)</source>
        <translation>o mocket-cli não está instalado: instale o .deb ou a imagem de contêiner dele, ou compile-o a partir do código do Mocket (veja Packages no README do Mocket)</translation>
    </message>
    <message>
        <source>Runs a test command against the Mocket mock in %1: mocket-cli serves it on a free port and gives the command MOCKET_URL, MOCKET_HTTP_URL and MOCKET_CONTROL_URL. Fails when the command fails or when a client sent a frame that no rule expected.
Usage: %2 [COMMAND [ARGS...]]   (default: %3)
Leaves %4 (JUnit XML), %5 and %6 (every frame) for CI to keep.</source>
        <translation>Roda um comando de teste contra o mock do Mocket em %1: o mocket-cli o serve numa porta livre e passa ao comando MOCKET_URL, MOCKET_HTTP_URL e MOCKET_CONTROL_URL. Falha quando o comando falha ou quando um cliente enviou um frame que nenhuma regra esperava.
Uso: %2 [COMANDO [ARGUMENTOS...]]   (padrão: %3)
Deixa %4 (JUnit XML), %5 e %6 (todos os frames) para o CI guardar.</translation>
    </message>
    <message>
        <source>Runs the tests against the Mocket mock in %1 and fails when they fail or when a client sent a frame that no rule expected. The JUnit report, the summary and every frame are kept as the job&apos;s artifacts.
Paths are relative to the repository&apos;s root.</source>
        <translation>Roda os testes contra o mock do Mocket em %1 e falha quando eles falham ou quando um cliente enviou um frame que nenhuma regra esperava. O relatório JUnit, o resumo e todos os frames ficam guardados como artefatos do job.
Os caminhos são relativos à raiz do repositório.</translation>
    </message>
    <message>
        <source>Tests against the Mocket mock</source>
        <translation>Testes contra o mock do Mocket</translation>
    </message>
    <message>
        <source>Start the mock</source>
        <translation>Iniciar o mock</translation>
    </message>
    <message>
        <source>Run the tests</source>
        <translation>Rodar os testes</translation>
    </message>
    <message>
        <source>Check what the clients sent</source>
        <translation>Verificar o que os clientes enviaram</translation>
    </message>
    <message>
        <source>The .deb is built for Debian 12, so the job runs in a Debian 12 container: install what your tests need in it too.</source>
        <translation>O .deb é feito para o Debian 12, então o job roda num contêiner Debian 12: instale nele também o que seus testes precisam.</translation>
    </message>
    <message>
        <source>Install mocket-cli</source>
        <translation>Instalar o mocket-cli</translation>
    </message>
    <message>
        <source>Run the tests against the mock</source>
        <translation>Rodar os testes contra o mock</translation>
    </message>
    <message>
        <source>Show the mock&apos;s summary</source>
        <translation>Mostrar o resumo do mock</translation>
    </message>
    <message>
        <source>Keep the mock&apos;s report and traffic</source>
        <translation>Guardar o relatório e o tráfego do mock</translation>
    </message>
    <message>
        <source>Name the command that runs your tests.</source>
        <translation>Informe o comando que roda seus testes.</translation>
    </message>
    <message>
        <source>Name the container image your CI can pull: build it from the Mocket sources (podman build -t IMAGE .) and push it to your registry.</source>
        <translation>Informe a imagem de contêiner que seu CI consegue baixar: gere-a a partir do código do Mocket (podman build -t IMAGEM .) e envie-a ao seu registro.</translation>
    </message>
    <message>
        <source>Give the URL your CI can download mocket-cli&apos;s .deb from (cpack builds it; see Packages in Mocket&apos;s README).</source>
        <translation>Informe a URL de onde seu CI pode baixar o .deb do mocket-cli (o cpack o gera; veja Packages no README do Mocket).</translation>
    </message>
</context>
<context>
    <name>ClientConnection</name>
    <message>
        <source>&apos;%1&apos; is not a ws:// or wss:// URL.</source>
        <translation>&apos;%1&apos; não é uma URL ws:// ou wss://.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a header line (Name: value).</source>
        <translation>&apos;%1&apos; não é uma linha de cabeçalho (Nome: valor).</translation>
    </message>
    <message>
        <source>Not hex: write pairs of hex digits, e.g. ca fe 01.</source>
        <translation>Não é hexadecimal: escreva pares de dígitos hexadecimais, por exemplo ca fe 01.</translation>
    </message>
    <message>
        <source>Not base64, e.g. AAEC/w==.</source>
        <translation>Não é base64; por exemplo AAEC/w==.</translation>
    </message>
</context>
<context>
    <name>ClientPanel</name>
    <message>
        <source>+ Client</source>
        <translation>+ Cliente</translation>
    </message>
    <message>
        <source>Open another client, with a connection of its own</source>
        <translation>Abrir outro cliente, com uma conexão própria</translation>
    </message>
    <message>
        <source>Client %1</source>
        <translation>Cliente %1</translation>
    </message>
</context>
<context>
    <name>ClientTab</name>
    <message>
        <source>A ws:// or wss:// URL; replace each :name in the path with a value</source>
        <translation>Uma URL ws:// ou wss://; troque cada :nome do caminho por um valor</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <source>A message; Ctrl+Enter sends it</source>
        <translation>Uma mensagem; Ctrl+Enter a envia</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Binary (hex)</source>
        <translation>Binário (hex)</translation>
    </message>
    <message>
        <source>Binary (base64)</source>
        <translation>Binário (base64)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Send the message (Ctrl+Enter)</source>
        <translation>Enviar a mensagem (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Not connected: connect first.</source>
        <translation>Não conectado: conecte primeiro.</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Desconectar</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>Não conectado.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Conectando a %1…</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>Conectado a %1.</translation>
    </message>
    <message>
        <source>Connected to %1 with subprotocol %2.</source>
        <translation>Conectado a %1 com o subprotocolo %2.</translation>
    </message>
    <message>
        <source>Closing…</source>
        <translation>Fechando…</translation>
    </message>
    <message>
        <source>Subprotocols to offer, separated by commas</source>
        <translation>Subprotocolos a oferecer, separados por vírgula</translation>
    </message>
    <message>
        <source>e.g. chat.v2, chat.v1</source>
        <translation>por exemplo chat.v2, chat.v1</translation>
    </message>
    <message>
        <source>e.g. X-Test: hello, one per line</source>
        <translation>por exemplo X-Test: olá, um por linha</translation>
    </message>
    <message>
        <source>Headers to add to the handshake, one Name: value per line</source>
        <translation>Cabeçalhos a acrescentar ao handshake, um Nome: valor por linha</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>UR&amp;L:</translation>
    </message>
    <message>
        <source>Subproto&amp;cols:</source>
        <translation>Su&amp;bprotocolos:</translation>
    </message>
    <message>
        <source>Hea&amp;ders:</source>
        <translation>Cabe&amp;çalhos:</translation>
    </message>
</context>
<context>
    <name>ClientTranscript</name>
    <message>
        <source>sent</source>
        <translation>enviada</translation>
    </message>
    <message>
        <source>received</source>
        <translation>recebida</translation>
    </message>
    <message numerus="yes">
        <source>binary, %n byte(s): %1</source>
        <translation>
            <numerusform>binária, %n byte: %1</numerusform>
            <numerusform>binária, %n bytes: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Connected, subprotocol %1</source>
        <translation>Conectado, subprotocolo %1</translation>
    </message>
    <message>
        <source>Closed with code %1</source>
        <translation>Fechada com o código %1</translation>
    </message>
    <message>
        <source>Closed with code %1: %2</source>
        <translation>Fechada com o código %1: %2</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Erro: %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Direção</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
</context>
<context>
    <name>CommandRun</name>
    <message>
        <source>mocket-cli run: the command crashed or was killed</source>
        <translation>mocket-cli run: o comando travou ou foi encerrado</translation>
    </message>
    <message>
        <source>mocket-cli run: cannot run &apos;%1&apos;: %2</source>
        <translation>mocket-cli run: não é possível executar &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>mocket-cli run: cannot write %1: %2</source>
        <translation>mocket-cli run: não é possível gravar %1: %2</translation>
    </message>
    <message>
        <source>PASS: %1</source>
        <translation>OK: %1</translation>
    </message>
    <message>
        <source>FAIL: %1</source>
        <translation>FALHA: %1</translation>
    </message>
    <message numerus="yes">
        <source>FAIL: %n client frame(s) matched no rule:</source>
        <translation>
            <numerusform>FALHA: %n frame de cliente não correspondeu a nenhuma regra:</numerusform>
            <numerusform>FALHA: %n frames de cliente não corresponderam a nenhuma regra:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConnectionsModel</name>
    <message>
        <source>open</source>
        <translation>aberta</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Caminho</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>Origem</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Aberta em</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>In</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>Saída</translation>
    </message>
    <message>
        <source>closed (%1)</source>
        <translation>fechada (%1)</translation>
    </message>
    <message>
        <source>closed (%1, %2)</source>
        <translation>fechada (%1, %2)</translation>
    </message>
</context>
<context>
    <name>ConsoleWriter</name>
    <message numerus="yes">
        <source>… %n event line(s) dropped: the output was too slow</source>
        <translation>
            <numerusform>… %n linha de evento descartada: a saída estava lenta demais</numerusform>
            <numerusform>… %n linhas de evento descartadas: a saída estava lenta demais</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ControlApi</name>
    <message>
        <source>use %1 here</source>
        <translation>use %1 aqui</translation>
    </message>
    <message>
        <source>&apos;connection&apos; must be a connection id</source>
        <translation>&apos;connection&apos; precisa ser o id de uma conexão</translation>
    </message>
    <message>
        <source>&apos;direction&apos; must be in or out</source>
        <translation>&apos;direction&apos; precisa ser in ou out</translation>
    </message>
    <message>
        <source>&apos;since&apos; must be a sequence number</source>
        <translation>&apos;since&apos; precisa ser um número de sequência</translation>
    </message>
    <message>
        <source>&apos;limit&apos; must be a count</source>
        <translation>&apos;limit&apos; precisa ser uma contagem</translation>
    </message>
    <message>
        <source>the control API needs Authorization: Bearer TOKEN</source>
        <translation>a API de controle exige Authorization: Bearer TOKEN</translation>
    </message>
    <message>
        <source>no control route %1 (see the README&apos;s control API)</source>
        <translation>nenhuma rota de controle %1 (veja a API de controle no README)</translation>
    </message>
    <message>
        <source>&apos;timeout&apos; must be milliseconds</source>
        <translation>&apos;timeout&apos; precisa ser em milissegundos</translation>
    </message>
    <message>
        <source>no matching frame within %1 ms</source>
        <translation>nenhum frame correspondente em %1 ms</translation>
    </message>
    <message>
        <source>no open connection %1</source>
        <translation>nenhuma conexão aberta %1</translation>
    </message>
    <message>
        <source>say which endpoint: /__mocket/send?path=/ws/...</source>
        <translation>diga qual endpoint: /__mocket/send?path=/ws/...</translation>
    </message>
    <message>
        <source>%1 is not a close code a server may send</source>
        <translation>%1 não é um código de fechamento que um servidor possa enviar</translation>
    </message>
</context>
<context>
    <name>ConversationBox</name>
    <message>
        <source>Conversation</source>
        <translation>Conversa</translation>
    </message>
    <message>
        <source>The connection&apos;s state: rules with when-state answer only in theirs</source>
        <translation>O estado da conexão: regras com when-state respondem só nos seus</translation>
    </message>
    <message>
        <source>Set state</source>
        <translation>Definir estado</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>A variable belongs to this connection ({{vars.name}}); a shared value to every connection of its endpoint ({{shared.name}})</source>
        <translation>Uma variável pertence a esta conexão ({{vars.name}}); um valor compartilhado, a todas as conexões do seu endpoint ({{shared.name}})</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nome</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valor</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Definir</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <source>This connection is closed.</source>
        <translation>Esta conexão está fechada.</translation>
    </message>
    <message>
        <source>Select an open connection</source>
        <translation>Selecione uma conexão aberta</translation>
    </message>
    <message>
        <source>A state needs a name.</source>
        <translation>Um estado precisa de um nome.</translation>
    </message>
    <message>
        <source>A value needs a name.</source>
        <translation>Um valor precisa de um nome.</translation>
    </message>
    <message>
        <source>There is no value named &apos;%1&apos;.</source>
        <translation>Não há valor chamado &apos;%1&apos;.</translation>
    </message>
</context>
<context>
    <name>ConversationFields</name>
    <message>
        <source>Line %1: write name = value</source>
        <translation>Linha %1: escreva nome = valor</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Linha %1: %2</translation>
    </message>
    <message>
        <source>%1 values: at most %2 are kept</source>
        <translation>%1 valores: no máximo %2 são guardados</translation>
    </message>
    <message>
        <source>set — variables of the connection, one name = value per line; the value is a template, read as {{vars.name}}</source>
        <translation>set — variáveis da conexão, um nome = valor por linha; o valor é um template, lido como {{vars.name}}</translation>
    </message>
    <message>
        <source>set-shared — values every connection of the endpoint sees, one name = value per line; read as {{shared.name}}</source>
        <translation>set-shared — valores que toda conexão do endpoint vê, um nome = valor por linha; lidos como {{shared.name}}</translation>
    </message>
    <message>
        <source>when-shared — the rule answers only while these shared values are set so, one name = value per line</source>
        <translation>when-shared — a regra responde só enquanto estes valores compartilhados estiverem assim, um nome = valor por linha</translation>
    </message>
    <message>
        <source>Set:</source>
        <translation>Definir:</translation>
    </message>
    <message>
        <source>Set shared:</source>
        <translation>Compartilhar:</translation>
    </message>
    <message>
        <source>When shared:</source>
        <translation>Se compartilhado:</translation>
    </message>
    <message>
        <source>none (e.g. user = {{json-params.user}})</source>
        <translation>nenhuma (ex.: user = {{json-params.user}})</translation>
    </message>
    <message>
        <source>none (e.g. market = closed)</source>
        <translation>nenhum (ex.: market = closed)</translation>
    </message>
    <message>
        <source>any values (e.g. market = closed)</source>
        <translation>quaisquer valores (ex.: market = closed)</translation>
    </message>
    <message>
        <source>Streams started and stopped</source>
        <translation>Streams iniciados e parados</translation>
    </message>
    <message>
        <source>Start a stream</source>
        <translation>Iniciar um stream</translation>
    </message>
    <message>
        <source>start-stream — runs a stream for the sender&apos;s connection under a key; its frames see the message&apos;s values and {{counter}}</source>
        <translation>start-stream — roda um stream para a conexão do remetente sob uma chave; seus frames veem os valores da mensagem e {{counter}}</translation>
    </message>
    <message>
        <source>key — names the stream (a template), so that stop-stream can stop it; starting a key that runs restarts it</source>
        <translation>key — dá nome ao stream (um template), para que stop-stream possa pará-lo; iniciar uma chave que já roda a reinicia</translation>
    </message>
    <message>
        <source>1s (e.g. 200ms)</source>
        <translation>1s (ex.: 200ms)</translation>
    </message>
    <message>
        <source>every — the time between two frames, at least 10ms</source>
        <translation>every — o tempo entre dois frames, no mínimo 10ms</translation>
    </message>
    <message>
        <source>One frame per line</source>
        <translation>Um frame por linha</translation>
    </message>
    <message>
        <source>frames — one per line, sent in turn; {{counter}} counts them from 1</source>
        <translation>frames — um por linha, enviados em sequência; {{counter}} os conta a partir de 1</translation>
    </message>
    <message>
        <source>until stopped</source>
        <translation>até ser parado</translation>
    </message>
    <message>
        <source>count — stop after this many frames</source>
        <translation>count — para depois de tantos frames</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <source>final — sent once the count is reached</source>
        <translation>final — enviado quando a contagem é atingida</translation>
    </message>
    <message>
        <source>This start-stream has keys the fields cannot show; edit it in the YAML</source>
        <translation>Este start-stream tem chaves que os campos não mostram; edite-o no YAML</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Chave:</translation>
    </message>
    <message>
        <source>Every:</source>
        <translation>A cada:</translation>
    </message>
    <message>
        <source>Frames:</source>
        <translation>Frames:</translation>
    </message>
    <message>
        <source>Count:</source>
        <translation>Quantidade:</translation>
    </message>
    <message>
        <source>Final:</source>
        <translation>Final:</translation>
    </message>
    <message>
        <source>stop-stream — stops the sender&apos;s stream of this key (a template) at once, with no final frame</source>
        <translation>stop-stream — para na hora o stream do remetente com esta chave (um template), sem frame final</translation>
    </message>
    <message>
        <source>Stop the stream:</source>
        <translation>Parar o stream:</translation>
    </message>
    <message>
        <source>more than lines of text: edit it in the YAML</source>
        <translation>mais que linhas de texto: edite no YAML</translation>
    </message>
    <message>
        <source>e.g. {{json-params.id}}</source>
        <translation>ex.: {{json-params.id}}</translation>
    </message>
    <message>
        <source>the message&apos;s own: {{protocol.%1}}</source>
        <translation>a da própria mensagem: {{protocol.%1}}</translation>
    </message>
    <message>
        <source>A stream needs a key: the name stop-stream stops it by</source>
        <translation>Um stream precisa de uma chave: o nome pelo qual stop-stream o para</translation>
    </message>
</context>
<context>
    <name>EventLogReader</name>
    <message>
        <source>%1:%2: not a Mocket event line</source>
        <translation>%1:%2: não é uma linha de evento do Mocket</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>não é possível abrir %1: %2</translation>
    </message>
</context>
<context>
    <name>EventLogWriter</name>
    <message>
        <source>cannot open log file %1: %2</source>
        <translation>não é possível abrir o arquivo de log %1: %2</translation>
    </message>
    <message>
        <source>the log %1 is not keeping up: event lines are being dropped</source>
        <translation>o log %1 não está acompanhando: linhas de evento estão sendo descartadas</translation>
    </message>
    <message>
        <source>cannot write the log %1: %2; event lines are being lost</source>
        <translation>não é possível escrever o log %1: %2; linhas de evento estão sendo perdidas</translation>
    </message>
    <message numerus="yes">
        <source>%n event line(s) did not reach the log %1 (%2 dropped while it was too slow, %3 lost to write errors)</source>
        <translation>
            <numerusform>%n linha de evento não chegou ao log %1 (%2 descartadas enquanto ele estava lento demais, %3 perdidas por erros de escrita)</numerusform>
            <numerusform>%n linhas de evento não chegaram ao log %1 (%2 descartadas enquanto ele estava lento demais, %3 perdidas por erros de escrita)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExpectationsLoader</name>
    <message>
        <source>expected a list of expectations</source>
        <translation>esperava uma lista de expectativas</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a count (0 or more)</source>
        <translation>&apos;%1&apos; precisa ser uma contagem (0 ou mais)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a value</source>
        <translation>&apos;%1&apos; precisa de um valor</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos; (there are rule, connected, received, endpoint, at-least and at-most)</source>
        <translation>chave desconhecida &apos;%1&apos; (existem rule, connected, received, endpoint, at-least e at-most)</translation>
    </message>
    <message>
        <source>expected an expectation (a map with rule, connected or received)</source>
        <translation>esperava uma expectativa (um mapa com rule, connected ou received)</translation>
    </message>
    <message>
        <source>an expectation has exactly one of rule, connected or received</source>
        <translation>uma expectativa tem exatamente um de rule, connected ou received</translation>
    </message>
    <message>
        <source>rule %1 matched</source>
        <translation>a regra %1 correspondeu</translation>
    </message>
    <message>
        <source>a client connected to %1</source>
        <translation>um cliente se conectou a %1</translation>
    </message>
    <message>
        <source>a frame containing &quot;%1&quot; received</source>
        <translation>um frame contendo &quot;%1&quot; foi recebido</translation>
    </message>
    <message>
        <source> on %1</source>
        <translation> em %1</translation>
    </message>
    <message>
        <source>%1 %2 to %3 times</source>
        <translation>%1 de %2 a %3 vezes</translation>
    </message>
    <message numerus="yes">
        <source>%1 at most %n time(s)</source>
        <translation>
            <numerusform>%1 no máximo %n vez</numerusform>
            <numerusform>%1 no máximo %n vezes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 at least %n time(s)</source>
        <translation>
            <numerusform>%1 pelo menos %n vez</numerusform>
            <numerusform>%1 pelo menos %n vezes</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot read the file: %1</source>
        <translation>não é possível ler o arquivo: %1</translation>
    </message>
    <message>
        <source>cannot open the file: %1</source>
        <translation>não é possível abrir o arquivo: %1</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export for CI</source>
        <translation>Exportar para CI</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Procurar…</translation>
    </message>
    <message>
        <source>&amp;Save the config as:</source>
        <translation>&amp;Salvar a configuração como:</translation>
    </message>
    <message>
        <source>Command:</source>
        <translation>Comando:</translation>
    </message>
    <message>
        <source>Shell script:</source>
        <translation>Script de shell:</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportar</translation>
    </message>
    <message>
        <source>Replace file?</source>
        <translation>Substituir arquivo?</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 já existe. Deseja substituí-lo?</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>Copiado para a área de transferência.</translation>
    </message>
    <message>
        <source>Export the config</source>
        <translation>Exportar a configuração</translation>
    </message>
    <message>
        <source>YAML files (*.yml *.yaml)</source>
        <translation>Arquivos YAML (*.yml *.yaml)</translation>
    </message>
    <message>
        <source>Not exported: %1 was left as it is.</source>
        <translation>Não exportado: %1 foi mantido como estava.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Não é possível gravar %1: %2</translation>
    </message>
    <message>
        <source>Choose where to save the config.</source>
        <translation>Escolha onde salvar a configuração.</translation>
    </message>
    <message>
        <source>Also &amp;write %1 and %2 beside the YAML</source>
        <translation>Também &amp;gravar %1 e %2 ao lado do YAML</translation>
    </message>
    <message>
        <source>The command that runs your tests; it finds the mock in MOCKET_URL, MOCKET_HTTP_URL and MOCKET_CONTROL_URL</source>
        <translation>O comando que roda seus testes; ele encontra o mock em MOCKET_URL, MOCKET_HTTP_URL e MOCKET_CONTROL_URL</translation>
    </message>
    <message>
        <source>&amp;Test command:</source>
        <translation>Comando de &amp;teste:</translation>
    </message>
    <message>
        <source>CI workflow:</source>
        <translation>Workflow de CI:</translation>
    </message>
    <message>
        <source>Saves the config as YAML that Moclojer and mocket-cli both read, and shows how to run your tests against it in a CI job that fails when a client sends a frame no rule expected.</source>
        <translation>Salva a configuração como YAML que o Moclojer e o mocket-cli leem, e mostra como rodar seus testes contra ela num job de CI que falha quando um cliente envia um frame que nenhuma regra esperava.</translation>
    </message>
    <message>
        <source>Container image (docker)</source>
        <translation>Imagem de contêiner (docker)</translation>
    </message>
    <message>
        <source>Debian 12 package (.deb)</source>
        <translation>Pacote do Debian 12 (.deb)</translation>
    </message>
    <message>
        <source>Already installed on the runner</source>
        <translation>Já instalado no runner</translation>
    </message>
    <message>
        <source>&amp;Get mocket-cli from:</source>
        <translation>&amp;Obter o mocket-cli de:</translation>
    </message>
    <message>
        <source>An image your CI can pull, built from the Mocket sources with podman build -t IMAGE . (or docker build) and pushed to your registry</source>
        <translation>Uma imagem que seu CI consegue baixar, gerada a partir do código do Mocket com podman build -t IMAGEM . (ou docker build) e enviada ao seu registro</translation>
    </message>
    <message>
        <source>&amp;Image:</source>
        <translation>&amp;Imagem:</translation>
    </message>
    <message>
        <source>https://example.com/releases/mocket-cli_%1_amd64.deb</source>
        <translation>https://example.com/releases/mocket-cli_%1_amd64.deb</translation>
    </message>
    <message>
        <source>Where your CI can download the mocket-cli .deb that cpack builds from the Mocket sources</source>
        <translation>De onde seu CI pode baixar o .deb do mocket-cli que o cpack gera a partir do código do Mocket</translation>
    </message>
    <message>
        <source>Package &amp;URL:</source>
        <translation>&amp;URL do pacote:</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Match case</source>
        <translation>Diferenciar maiúsculas</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Localizar</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Ocorrência anterior (Shift+Enter)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Próxima</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>Próxima ocorrência (Enter)</translation>
    </message>
    <message>
        <source>Close (Escape)</source>
        <translation>Fechar (Esc)</translation>
    </message>
    <message>
        <source>Close find bar</source>
        <translation>Fechar a barra de localização</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Nenhuma ocorrência</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 ocorrência</translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation>%1 ocorrências</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Substituir por</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Substituir</translation>
    </message>
    <message>
        <source>Replace this match and go to the next (Enter)</source>
        <translation>Substituir esta ocorrência e ir para a próxima (Enter)</translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation>Substituir todas</translation>
    </message>
    <message>
        <source>Replace every match, in one undo step (Ctrl+Enter)</source>
        <translation>Substituir todas as ocorrências, num só passo de desfazer (Ctrl+Enter)</translation>
    </message>
    <message numerus="yes">
        <source>Replaced %n match(es)</source>
        <translation>
            <numerusform>%n ocorrência substituída</numerusform>
            <numerusform>%n ocorrências substituídas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FramesEditor</name>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Conteúdo</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>Atraso</translation>
    </message>
    <message>
        <source>Each frame is sent after its own delay from the previous one. Binary frames are written in base64.</source>
        <translation>Cada frame é enviado após o próprio atraso, contado a partir do anterior. Frames binários são escritos em base64.</translation>
    </message>
    <message>
        <source>Add frame</source>
        <translation>Adicionar frame</translation>
    </message>
    <message>
        <source>Remove frame</source>
        <translation>Remover frame</translation>
    </message>
    <message>
        <source>Move frame up</source>
        <translation>Mover frame para cima</translation>
    </message>
    <message>
        <source>Move frame down</source>
        <translation>Mover frame para baixo</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Binary</source>
        <translation>Binário</translation>
    </message>
    <message>
        <source>Frame kind</source>
        <translation>Tipo do frame</translation>
    </message>
    <message>
        <source>Binary frames are written in base64</source>
        <translation>Frames binários são escritos em base64</translation>
    </message>
    <message>
        <source>Frame %1: %2</source>
        <translation>Frame %1: %2</translation>
    </message>
</context>
<context>
    <name>HarReader</name>
    <message>
        <source>%1: not a HAR file (no log.entries)</source>
        <translation>%1: não é um arquivo HAR (sem log.entries)</translation>
    </message>
</context>
<context>
    <name>HttpEndpoint</name>
    <message>
        <source>query parameter &apos;%1&apos; must be %2, got &apos;%3&apos;</source>
        <translation>o parâmetro de consulta &apos;%1&apos; deve ser %2, mas veio &apos;%3&apos;</translation>
    </message>
</context>
<context>
    <name>HttpEndpointForm</name>
    <message>
        <source>/users/:id|int</source>
        <translation>/usuarios/:id|int</translation>
    </message>
    <message>
        <source>One per line, e.g. Content-Type: application/json</source>
        <translation>Um por linha, ex.: Content-Type: application/json</translation>
    </message>
    <message>
        <source>none (e.g. 250ms, 1.5s, 100ms..300ms)</source>
        <translation>nenhum (ex.: 250ms, 1.5s, 100ms..300ms)</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Método:</translation>
    </message>
    <message>
        <source>&lt;b&gt;HTTP endpoint&lt;/b&gt; · line %1</source>
        <translation>&lt;b&gt;Endpoint HTTP&lt;/b&gt; · linha %1</translation>
    </message>
    <message>
        <source>Headers written in a way this box cannot show: edit them in the YAML editor</source>
        <translation>Cabeçalhos escritos de um jeito que esta caixa não consegue mostrar: edite-os no editor de YAML</translation>
    </message>
    <message>
        <source>Sent as the response body; a template (empty: no body)</source>
        <translation>Enviado como corpo da resposta; um template (vazio: sem corpo)</translation>
    </message>
    <message>
        <source>Line %1: write Name: value</source>
        <translation>Linha %1: escreva Nome: valor</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Linha %1: %2</translation>
    </message>
    <message>
        <source>One per line: the WebSocket path, a space, the message, e.g.
/ws/orders {&quot;event&quot;: &quot;created&quot;, &quot;id&quot;: {{json-params.id}}}</source>
        <translation>Um por linha: o caminho WebSocket, um espaço, a mensagem, por exemplo
/ws/orders {&quot;event&quot;: &quot;created&quot;, &quot;id&quot;: {{json-params.id}}}</translation>
    </message>
    <message>
        <source>Pushes written in a way this box cannot show (a delay, a map message): edit them in the YAML editor</source>
        <translation>Envios escritos de um jeito que esta caixa não mostra (um atraso, uma mensagem em mapa): edite-os no editor de YAML</translation>
    </message>
    <message>
        <source>Line %1: write the WebSocket path, a space, then the message</source>
        <translation>Linha %1: escreva o caminho WebSocket, um espaço e então a mensagem</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <source>B&amp;ody:</source>
        <translation>Cor&amp;po:</translation>
    </message>
    <message>
        <source>Dela&amp;y:</source>
        <translation>At&amp;raso:</translation>
    </message>
    <message>
        <source>method — the request method this endpoint answers; any HTTP method</source>
        <translation>method — o método de requisição que este endpoint atende; qualquer método HTTP</translation>
    </message>
    <message>
        <source>path — the URL path; :name segments capture a value for {{path-params.name}}, :name|int only whole numbers</source>
        <translation>path — o caminho da URL; segmentos :nome capturam um valor para {{path-params.nome}}, :nome|int só números inteiros</translation>
    </message>
    <message>
        <source>response: status — the HTTP status code</source>
        <translation>response: status — o código de status HTTP</translation>
    </message>
    <message>
        <source>response: headers — one &quot;Name: value&quot; per line</source>
        <translation>response: headers — um &quot;Nome: valor&quot; por linha</translation>
    </message>
    <message>
        <source>response: body — the body, a template; {{ or Ctrl+Space offers placeholders</source>
        <translation>response: body — o corpo, um template; {{ ou Ctrl+Espaço oferece placeholders</translation>
    </message>
    <message>
        <source>response: delay — wait this long before answering</source>
        <translation>response: delay — espera este tempo antes de responder</translation>
    </message>
    <message>
        <source>push — frames sent to WebSocket clients when this endpoint is hit: a websocket item&apos;s path reaches all its connections, any other path the connections on exactly that path; both are templates</source>
        <translation>push — frames enviados a clientes WebSocket quando este endpoint é chamado: o caminho de um item websocket alcança todas as conexões dele, qualquer outro caminho as conexões exatamente nesse caminho; ambos são templates</translation>
    </message>
    <message>
        <source>P&amp;ath:</source>
        <translation>&amp;Caminho:</translation>
    </message>
    <message>
        <source>Heade&amp;rs:</source>
        <translation>Cabeçal&amp;hos:</translation>
    </message>
    <message>
        <source>&amp;Pushes:</source>
        <translation>En&amp;vios:</translation>
    </message>
</context>
<context>
    <name>HttpResponder</name>
    <message>
        <source>The request body is larger than the limit of %1 bytes.</source>
        <translation>O corpo da requisição é maior que o limite de %1 bytes.</translation>
    </message>
    <message>
        <source>%1 is not allowed on %2; allowed: %3</source>
        <translation>%1 não é permitido em %2; permitidos: %3</translation>
    </message>
    <message>
        <source>%1 is a WebSocket endpoint: connect with a WebSocket client</source>
        <translation>%1 é um endpoint WebSocket: conecte-se com um cliente WebSocket</translation>
    </message>
    <message>
        <source>No endpoint serves %1 %2</source>
        <translation>Nenhum endpoint atende %1 %2</translation>
    </message>
    <message>
        <source>external-body provider &apos;xlsx&apos; is not supported</source>
        <translation>o provedor &apos;xlsx&apos; de external-body não é suportado</translation>
    </message>
    <message>
        <source>external-body path &apos;%1&apos; is outside the config&apos;s folder</source>
        <translation>o caminho &apos;%1&apos; de external-body está fora da pasta da configuração</translation>
    </message>
    <message>
        <source>external-body file &apos;%1&apos; cannot be read: %2</source>
        <translation>não é possível ler o arquivo &apos;%1&apos; de external-body: %2</translation>
    </message>
    <message>
        <source>a WebSocket must be opened on a new connection, not one that already carried HTTP requests</source>
        <translation>um WebSocket precisa ser aberto em uma conexão nova, não em uma que já levou requisições HTTP</translation>
    </message>
    <message>
        <source>external-body URL %1 failed: %2</source>
        <translation>a URL %1 de external-body falhou: %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Novo</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Abrir…</translation>
    </message>
    <message>
        <source>Open a config</source>
        <translation>Abrir uma configuração</translation>
    </message>
    <message>
        <source>YAML files (*.yml *.yaml);;All files (*)</source>
        <translation>Arquivos YAML (*.yml *.yaml);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Salvar</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Salvar c&amp;omo…</translation>
    </message>
    <message>
        <source>&amp;Export for CI…</source>
        <translation>E&amp;xportar para CI…</translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation>&amp;Iniciar</translation>
    </message>
    <message>
        <source>Start serving this config (F5)</source>
        <translation>Começar a servir esta configuração (F5)</translation>
    </message>
    <message>
        <source>Sto&amp;p</source>
        <translation>&amp;Parar</translation>
    </message>
    <message>
        <source>Stop the server; clients are closed with 1001 (Shift+F5)</source>
        <translation>Parar o servidor; as conexões dos clientes são fechadas com 1001 (Shift+F5)</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Aplicar</translation>
    </message>
    <message>
        <source>Serve the edited config without dropping open connections (Ctrl+Enter)</source>
        <translation>Servir a configuração editada sem derrubar as conexões abertas (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Localizar…</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source> Host </source>
        <translation> Host </translation>
    </message>
    <message>
        <source>Address to listen on; 0.0.0.0 lets other machines connect</source>
        <translation>Endereço em que escutar; 0.0.0.0 permite que outras máquinas se conectem</translation>
    </message>
    <message>
        <source> Port </source>
        <translation> Porta </translation>
    </message>
    <message>
        <source>0 picks a free port</source>
        <translation>0 escolhe uma porta livre</translation>
    </message>
    <message>
        <source>Auto-apply</source>
        <translation>Aplicar automaticamente</translation>
    </message>
    <message>
        <source>Apply every valid edit to the running server as you type</source>
        <translation>Aplica cada edição válida ao servidor em execução enquanto você digita</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Tráfego</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>Experimente</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Abrir &amp;recente</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Sa&amp;ir</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Desfazer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Refazer</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Servidor</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>&amp;About Mocket</source>
        <translation>&amp;Sobre o Mocket</translation>
    </message>
    <message>
        <source>About Mocket</source>
        <translation>Sobre o Mocket</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Mocket %1&lt;/h3&gt;&lt;p&gt;A workbench for mocking WebSocket servers: author mocks in Moclojer&apos;s YAML format, serve them, and watch every frame.&lt;/p&gt;&lt;p&gt;Headless: &lt;code&gt;mocket-cli serve mocks.yml&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Mocket %1&lt;/h3&gt;&lt;p&gt;Uma bancada para simular servidores WebSocket: crie mocks no formato YAML do Moclojer, sirva-os e acompanhe cada frame.&lt;/p&gt;&lt;p&gt;Sem interface gráfica: &lt;code&gt;mocket-cli serve mocks.yml&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>example.yml</source>
        <translation>exemplo.yml</translation>
    </message>
    <message>
        <source>untitled.yml</source>
        <translation>sem-titulo.yml</translation>
    </message>
    <message>
        <source>%1[*] — Mocket</source>
        <translation>%1[*] — Mocket</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Não é possível abrir %1: %2</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>Aberto: %1</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Alterações não salvas</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them?</source>
        <translation>%1 tem alterações não salvas. Deseja salvá-las?</translation>
    </message>
    <message>
        <source>Save the config</source>
        <translation>Salvar a configuração</translation>
    </message>
    <message>
        <source>YAML files (*.yml *.yaml)</source>
        <translation>Arquivos YAML (*.yml *.yaml)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Não salvo</translation>
    </message>
    <message>
        <source>Cannot save %1: %2
Your text is still here, unchanged.</source>
        <translation>Não é possível salvar %1: %2
Seu texto continua aqui, sem alterações.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Salvo: %1</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>Nenhum problema</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n erro</numerusform>
            <numerusform>%n erros</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n aviso</numerusform>
            <numerusform>%n avisos</numerusform>
        </translation>
    </message>
    <message>
        <source>That change cannot be made while the YAML has syntax errors.</source>
        <translation>Essa alteração não pode ser feita enquanto o YAML tiver erros de sintaxe.</translation>
    </message>
    <message>
        <source>Not applied: fix the problems first; the server keeps the last good config</source>
        <translation>Não aplicado: corrija os problemas primeiro; o servidor mantém a última configuração válida</translation>
    </message>
    <message>
        <source>Applied to the running server</source>
        <translation>Aplicado ao servidor em execução</translation>
    </message>
    <message>
        <source>Cannot start: the config has errors (see Problems).</source>
        <translation>Não é possível iniciar: a configuração tem erros (veja Problemas).</translation>
    </message>
    <message>
        <source>Cannot start: &apos;%1&apos; is not an IP address (try 127.0.0.1 or 0.0.0.0).</source>
        <translation>Não é possível iniciar: &apos;%1&apos; não é um endereço IP (tente 127.0.0.1 ou 0.0.0.0).</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Parando…</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Parado</translation>
    </message>
    <message>
        <source>Export a config with errors?</source>
        <translation>Exportar uma configuração com erros?</translation>
    </message>
    <message>
        <source>The config has errors; mocket-cli will refuse to serve it. Export anyway?</source>
        <translation>A configuração tem erros; o mocket-cli vai se recusar a servi-la. Exportar mesmo assim?</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exportado para %1</translation>
    </message>
    <message>
        <source>an unsaved config</source>
        <translation>uma configuração não salva</translation>
    </message>
    <message>
        <source>Recover unsaved work?</source>
        <translation>Recuperar trabalho não salvo?</translation>
    </message>
    <message>
        <source>Mocket ended before %1 was saved. Its text from %2 was kept.
Restore it?</source>
        <translation>O Mocket foi encerrado sem salvar %1. O texto de %2 foi guardado.
Deseja restaurá-lo?</translation>
    </message>
    <message>
        <source>Server &amp;Settings…</source>
        <translation>&amp;Configurações do servidor…</translation>
    </message>
    <message>
        <source>Server settings take effect at the next start.</source>
        <translation>As configurações do servidor entram em vigor na próxima inicialização.</translation>
    </message>
    <message>
        <source>Cannot start: %1</source>
        <translation>Não é possível iniciar: %1</translation>
    </message>
    <message>
        <source>reachable from other machines</source>
        <translation>acessível a partir de outras máquinas</translation>
    </message>
    <message>
        <source>The forms cannot make that change safely: this part of the file is written in a way they do not edit. Edit it in the YAML editor.</source>
        <translation>Os formulários não conseguem fazer essa alteração com segurança: esta parte do arquivo está escrita de um jeito que eles não editam. Edite-a no editor de YAML.</translation>
    </message>
    <message numerus="yes">
        <source>Listening on %1 · %n connection(s)</source>
        <translation>
            <numerusform>Escutando em %1 · %n conexão</numerusform>
            <numerusform>Escutando em %1 · %n conexões</numerusform>
        </translation>
    </message>
    <message>
        <source>control API at %1/__mocket/</source>
        <translation>API de controle em %1/__mocket/</translation>
    </message>
    <message>
        <source>Not applied, line %1: %2. The server still runs the last good config.</source>
        <translation>Não aplicado, linha %1: %2. O servidor continua com a última configuração válida.</translation>
    </message>
    <message>
        <source>Edited: Apply serves these changes</source>
        <translation>Editado: Aplicar serve estas mudanças</translation>
    </message>
    <message>
        <source>Open the E&amp;xample</source>
        <translation>Abrir o &amp;exemplo</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Descartar</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>Line:Col</source>
        <translation>Linha:Col</translation>
    </message>
    <message>
        <source>Listening on %1 · no connections</source>
        <translation>Escutando em %1 · nenhuma conexão</translation>
    </message>
    <message>
        <source>R&amp;eplace…</source>
        <translation>Substi&amp;tuir…</translation>
    </message>
    <message>
        <source>A&amp;ppearance</source>
        <translation>A&amp;parência</translation>
    </message>
    <message>
        <source>Follow the &amp;System</source>
        <translation>Seguir o &amp;sistema</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Escuro</translation>
    </message>
    <message>
        <source>&amp;Mock Syntax</source>
        <translation>Sintaxe dos &amp;mocks</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Atalhos de teclado</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>&amp;Record from a server…</source>
        <translation>&amp;Gravar de um servidor…</translation>
    </message>
    <message>
        <source>Relay your app to a real server and record what they say, to save or to make mocks of</source>
        <translation>Retransmitir o seu app para um servidor real e gravar o que eles dizem, para salvar ou para criar mocks</translation>
    </message>
    <message>
        <source>No WebSocket conversation in this traffic to make mocks of.</source>
        <translation>Não há conversa WebSocket neste tráfego para criar mocks.</translation>
    </message>
    <message numerus="yes">
        <source>Made mocks with %n rule(s); save them to keep them.</source>
        <translation>
            <numerusform>Mocks criados com %n regra; salve-os para mantê-los.</numerusform>
            <numerusform>Mocks criados com %n regras; salve-os para mantê-los.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot record on port %1: %2</source>
        <translation>Não é possível gravar na porta %1: %2</translation>
    </message>
</context>
<context>
    <name>MessageLogModel</name>
    <message>
        <source>opened %1 from %2</source>
        <translation>aberta %1 de %2</translation>
    </message>
    <message>
        <source>opened %1 from %2 (%3)</source>
        <translation>aberta %1 de %2 (%3)</translation>
    </message>
    <message>
        <source>closed %1</source>
        <translation>fechada %1</translation>
    </message>
    <message>
        <source>closed %1 %2</source>
        <translation>fechada %1 %2</translation>
    </message>
    <message>
        <source>unmatched</source>
        <translation>sem correspondência</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>aviso</translation>
    </message>
    <message>
        <source>warning · %1</source>
        <translation>aviso · %1</translation>
    </message>
    <message>
        <source>opened</source>
        <translation>aberta</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>fechada</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>recusada</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erro</translation>
    </message>
    <message>
        <source>in</source>
        <translation>recebida</translation>
    </message>
    <message>
        <source>out</source>
        <translation>enviada</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexão</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Direção</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Conteúdo</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regra</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>no endpoint</source>
        <translation>nenhum endpoint</translation>
    </message>
    <message>
        <source>An HTTP request: listed with every connection&apos;s messages (Show all), never under one WebSocket connection</source>
        <translation>Uma requisição HTTP: listada com as mensagens de todas as conexões (Mostrar todas), nunca sob uma conexão WebSocket</translation>
    </message>
    <message>
        <source>Request body %1 bytes, response body %2 bytes</source>
        <translation>Corpo da requisição: %1 bytes; corpo da resposta: %2 bytes</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Request:</source>
        <translation>Requisição:</translation>
    </message>
    <message>
        <source>Response, after %1 ms:</source>
        <translation>Resposta, após %1 ms:</translation>
    </message>
</context>
<context>
    <name>MessagePattern</name>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>regex</source>
        <translation>regex</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
</context>
<context>
    <name>MockServer</name>
    <message>
        <source>bad WebSocket handshake: %1</source>
        <translation>handshake WebSocket inválido: %1</translation>
    </message>
    <message>
        <source>The server is already listening on %1.</source>
        <translation>O servidor já está escutando em %1.</translation>
    </message>
    <message>
        <source>Cannot listen on %1: the port is already in use (is another server running?)</source>
        <translation>Não é possível escutar em %1: a porta já está em uso (há outro servidor em execução?)</translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2</source>
        <translation>Não é possível escutar em %1: %2</translation>
    </message>
    <message>
        <source>server stopping</source>
        <translation>servidor parando</translation>
    </message>
    <message>
        <source>endpoint removed from the config</source>
        <translation>endpoint removido da configuração</translation>
    </message>
    <message>
        <source>template value &apos;{{%1}}&apos; is missing; rendered empty</source>
        <translation>o valor de template &apos;{{%1}}&apos; está ausente; renderizado vazio</translation>
    </message>
    <message>
        <source>not an HTTP request</source>
        <translation>não é uma requisição HTTP</translation>
    </message>
    <message>
        <source>%1 %2: WebSocket handshakes use GET</source>
        <translation>%1 %2: handshakes WebSocket usam GET</translation>
    </message>
    <message>
        <source>%1: no endpoint serves this path (404)</source>
        <translation>%1: nenhum endpoint serve este caminho (404)</translation>
    </message>
    <message>
        <source>no endpoint serves this path</source>
        <translation>nenhum endpoint serve este caminho</translation>
    </message>
    <message>
        <source>TLS handshake failed: %1</source>
        <translation>falha no handshake TLS: %1</translation>
    </message>
    <message>
        <source>too many connections (the limit is %1)</source>
        <translation>conexões demais (o limite é %1)</translation>
    </message>
    <message>
        <source>WebSocket needs HTTP/1.1 or later, not %1</source>
        <translation>o WebSocket requer HTTP/1.1 ou posterior, não %1</translation>
    </message>
    <message>
        <source>request head too large</source>
        <translation>cabeçalho da requisição grande demais</translation>
    </message>
    <message>
        <source>data sent before the handshake response</source>
        <translation>dados enviados antes da resposta do handshake</translation>
    </message>
    <message>
        <source>%1: not a WebSocket upgrade request</source>
        <translation>%1: não é uma requisição de upgrade para WebSocket</translation>
    </message>
    <message>
        <source>%1: missing or invalid Sec-WebSocket-Key</source>
        <translation>%1: Sec-WebSocket-Key ausente ou inválido</translation>
    </message>
    <message>
        <source>%1: unsupported Sec-WebSocket-Version &apos;%2&apos; (13 is supported)</source>
        <translation>%1: Sec-WebSocket-Version &apos;%2&apos; não suportada (a versão suportada é 13)</translation>
    </message>
    <message>
        <source>%1 does not offer subprotocol %2 (it offers: %3)</source>
        <translation>%1 não oferece o subprotocolo %2 (oferece: %3)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <source>%1: origin %2 is not allowed (403)</source>
        <translation>%1: a origem %2 não é permitida (403)</translation>
    </message>
    <message>
        <source>subprotocol %1</source>
        <translation>subprotocolo %1</translation>
    </message>
    <message>
        <source>to the endpoint (%1)</source>
        <translation>para o endpoint (%1)</translation>
    </message>
    <message>
        <source>to others (%1)</source>
        <translation>para os demais (%1)</translation>
    </message>
    <message>
        <source>delayed %1ms</source>
        <translation>atraso de %1ms</translation>
    </message>
    <message>
        <source>binary</source>
        <translation>binária</translation>
    </message>
    <message>
        <source>client is not reading (%1 bytes waiting); connection dropped</source>
        <translation>o cliente não está lendo (%1 bytes aguardando); conexão derrubada</translation>
    </message>
    <message>
        <source>stream #%1 · to all</source>
        <translation>stream #%1 · para todos</translation>
    </message>
    <message>
        <source>stream #%1</source>
        <translation>stream #%1</translation>
    </message>
    <message>
        <source>TLS needs both a certificate and a key.</source>
        <translation>O TLS requer um certificado e uma chave.</translation>
    </message>
    <message>
        <source>Cannot read the certificate %1: %2</source>
        <translation>Não é possível ler o certificado %1: %2</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 não contém nenhum certificado PEM.</translation>
    </message>
    <message>
        <source>Cannot read the key %1: %2</source>
        <translation>Não é possível ler a chave %1: %2</translation>
    </message>
    <message>
        <source>%1 holds no usable PEM private key (RSA or EC, unencrypted).</source>
        <translation>%1 não contém nenhuma chave privada PEM utilizável (RSA ou EC, não criptografada).</translation>
    </message>
    <message>
        <source>webhook to %1 failed: %2</source>
        <translation>o webhook para %1 falhou: %2</translation>
    </message>
    <message>
        <source>request body to %1 is larger than the limit of %2 bytes</source>
        <translation>o corpo da requisição para %1 é maior que o limite de %2 bytes</translation>
    </message>
    <message>
        <source>the control API on %1 would let other machines drive the mock: give it a token (--control-token)</source>
        <translation>a API de controle em %1 deixaria outras máquinas controlarem o mock: dê a ela um token (--control-token)</translation>
    </message>
    <message>
        <source>TLS handshake failed: not a TLS client hello: plain HTTP or ws:// sent to a wss:// port</source>
        <translation>falha no handshake TLS: não é um client hello TLS: HTTP simples ou ws:// enviado a uma porta wss://</translation>
    </message>
    <message>
        <source>TLS handshake failed: none came before the handshake timeout</source>
        <translation>falha no handshake TLS: nenhum chegou antes do tempo limite do handshake</translation>
    </message>
    <message>
        <source>The key %1 does not belong to the certificate %2: give the key the certificate was made with.</source>
        <translation>A chave %1 não pertence ao certificado %2: informe a chave com que o certificado foi criado.</translation>
    </message>
    <message>
        <source>client has more waiting than its limit (%1 bytes of delayed replies and unanswered messages, the limit is %2); connection dropped</source>
        <translation>o cliente tem mais em espera que o seu limite (%1 bytes de respostas atrasadas e mensagens não respondidas, o limite é %2); conexão derrubada</translation>
    </message>
    <message>
        <source>clients have more waiting than the server&apos;s limit (%2 bytes in all, the limit is %3); this one, holding the most (%1 bytes), dropped</source>
        <translation>os clientes têm mais em espera que o limite do servidor (%2 bytes no total, o limite é %3); este, o que mais retém (%1 bytes), foi derrubado</translation>
    </message>
    <message>
        <source>the server holds too much for its clients</source>
        <translation>o servidor retém dados demais para os seus clientes</translation>
    </message>
    <message>
        <source>too much waits for this connection</source>
        <translation>há dados demais em espera para esta conexão</translation>
    </message>
    <message>
        <source>state %1 (was %2)</source>
        <translation>estado %1 (era %2)</translation>
    </message>
    <message>
        <source>vars.%1 = %2</source>
        <translation>vars.%1 = %2</translation>
    </message>
    <message>
        <source>shared.%1 = %2</source>
        <translation>shared.%1 = %2</translation>
    </message>
    <message>
        <source>stream &apos;%1&apos; started</source>
        <translation>stream &apos;%1&apos; iniciado</translation>
    </message>
    <message>
        <source>stream &apos;%1&apos; stopped</source>
        <translation>stream &apos;%1&apos; parado</translation>
    </message>
    <message>
        <source>stream &apos;%1&apos; finished after %2 frames</source>
        <translation>stream &apos;%1&apos; terminou depois de %2 frames</translation>
    </message>
    <message>
        <source>stream &apos;%1&apos; not started: this connection already runs %2 streams, the limit</source>
        <translation>stream &apos;%1&apos; não iniciado: esta conexão já roda %2 streams, o limite</translation>
    </message>
    <message>
        <source>&apos;%1&apos; not set: %2 values are kept at most, the limit</source>
        <translation>&apos;%1&apos; não definido: no máximo %2 valores são guardados, o limite</translation>
    </message>
    <message>
        <source>&apos;%1&apos; not set: its value is larger than the limit of %2 bytes</source>
        <translation>&apos;%1&apos; não definido: o valor é maior que o limite de %2 bytes</translation>
    </message>
    <message>
        <source>request line longer than %1 bytes</source>
        <translation>linha de requisição com mais de %1 bytes</translation>
    </message>
    <message>
        <source>%1: header %2 longer than %3 bytes</source>
        <translation>%1: cabeçalho %2 com mais de %3 bytes</translation>
    </message>
    <message>
        <source>%1: more than %2 header lines</source>
        <translation>%1: mais de %2 linhas de cabeçalho</translation>
    </message>
    <message>
        <source>%1: malformed header line &apos;%2&apos;</source>
        <translation>%1: linha de cabeçalho malformada &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1: missing or invalid Host header &apos;%2&apos;</source>
        <translation>%1: cabeçalho Host ausente ou inválido &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1: Upgrade must be websocket alone, not &apos;%2&apos;</source>
        <translation>%1: Upgrade deve ser apenas websocket, não &apos;%2&apos;</translation>
    </message>
    <message>
        <source>vars.%1 removed</source>
        <translation>vars.%1 removida</translation>
    </message>
    <message>
        <source>shared.%1 removed</source>
        <translation>shared.%1 removido</translation>
    </message>
    <message>
        <source>%1 protocol error: %2; connection closed</source>
        <translation>erro do protocolo %1: %2; conexão fechada</translation>
    </message>
    <message>
        <source>stream &apos;%1&apos; not stopped: no stream runs under that key</source>
        <translation>stream &apos;%1&apos; não parado: nenhum stream roda sob essa chave</translation>
    </message>
    <message>
        <source>to upstream</source>
        <translation>para o servidor real</translation>
    </message>
    <message>
        <source>upstream</source>
        <translation>servidor real</translation>
    </message>
</context>
<context>
    <name>MockSyntaxDialog</name>
    <message>
        <source>websocket item</source>
        <translation>item websocket</translation>
    </message>
    <message>
        <source>top level</source>
        <translation>nível superior</translation>
    </message>
    <message>
        <source>A WebSocket endpoint: the path clients connect to and how it answers.</source>
        <translation>Um endpoint WebSocket: o caminho ao qual os clientes se conectam e como ele responde.</translation>
    </message>
    <message>
        <source>The path clients connect to. &quot;:name&quot; segments capture one segment, read as {{path-params.name}}; a literal segment wins over a parameter.</source>
        <translation>O caminho ao qual os clientes se conectam. Segmentos &quot;:nome&quot; capturam um segmento, lido como {{path-params.nome}}; um segmento literal tem precedência sobre um parâmetro.</translation>
    </message>
    <message>
        <source>The subprotocols the endpoint accepts, in order of preference; the handshake picks one the client asked for.</source>
        <translation>Os subprotocolos que o endpoint aceita, em ordem de preferência; o handshake escolhe um que o cliente pediu.</translation>
    </message>
    <message>
        <source>What the server sends as soon as a client connects: a response, frames, a delay, recipients, a close.</source>
        <translation>O que o servidor envia assim que um cliente se conecta: uma resposta, quadros, um atraso, destinatários, um fechamento.</translation>
    </message>
    <message>
        <source>Frames the server sends on its own, every interval (at least 10 ms), with keys every, to, mode and frames.</source>
        <translation>Quadros que o servidor envia por conta própria, a cada intervalo (no mínimo 10 ms), com as chaves every, to, mode e frames.</translation>
    </message>
    <message>
        <source>stream</source>
        <translation>stream</translation>
    </message>
    <message>
        <source>How often the stream sends its next frame.</source>
        <translation>Com que frequência o stream envia o próximo quadro.</translation>
    </message>
    <message>
        <source>cycle (the default) repeats the frames; once stops after the last.</source>
        <translation>cycle (o padrão) repete os quadros; once para depois do último.</translation>
    </message>
    <message>
        <source>rule</source>
        <translation>regra</translation>
    </message>
    <message>
        <source>What a text message must be. A JSON object or array matches a message containing those keys and values, with {{...}} matching any value; anything else must equal the message or be a regular expression matching all of it.</source>
        <translation>O que uma mensagem de texto deve ser. Um objeto ou array JSON corresponde a uma mensagem que contenha essas chaves e valores, com {{...}} correspondendo a qualquer valor; qualquer outra coisa deve ser igual à mensagem ou ser uma expressão regular que corresponda a ela inteira.</translation>
    </message>
    <message>
        <source>Instead of pattern: matches binary messages, any of them or those starting with a prefix in hex or base64. In a frame, a binary frame to send, in base64.</source>
        <translation>Em vez de pattern: corresponde a mensagens binárias, qualquer uma ou as que começam com um prefixo em hex ou base64. Num quadro, um quadro binário a enviar, em base64.</translation>
    </message>
    <message>
        <source>The reply, a template. A YAML map or list is sent as JSON text.</source>
        <translation>A resposta, um template. Um mapa ou lista YAML é enviado como texto JSON.</translation>
    </message>
    <message>
        <source>Several frames for one event, each text or binary, each after its own delay from the previous one.</source>
        <translation>Vários quadros para um evento, cada um texto ou binário, cada um após seu próprio atraso em relação ao anterior.</translation>
    </message>
    <message>
        <source>Wait before sending: fixed (250ms, 1.5s) or drawn from a range (100ms..300ms).</source>
        <translation>Esperar antes de enviar: fixo (250ms, 1.5s) ou sorteado de um intervalo (100ms..300ms).</translation>
    </message>
    <message>
        <source>Who gets the reply: sender (the default), endpoint (every connection of the endpoint) or others (all but the sender). For a stream: each (one per connection) or all.</source>
        <translation>Quem recebe a resposta: sender (o padrão), endpoint (todas as conexões do endpoint) ou others (todas menos o remetente). Para um stream: each (um por conexão) ou all.</translation>
    </message>
    <message>
        <source>Close the connection after the frames, with a code and a reason (close: true or close: 1000 also work).</source>
        <translation>Fechar a conexão depois dos quadros, com um código e um motivo (close: true ou close: 1000 também funcionam).</translation>
    </message>
    <message>
        <source>template</source>
        <translation>template</translation>
    </message>
    <message>
        <source>A &quot;:NAME&quot; segment of the path the client connected to, percent-decoded.</source>
        <translation>Um segmento &quot;:NOME&quot; do caminho ao qual o cliente se conectou, com a codificação percentual decodificada.</translation>
    </message>
    <message>
        <source>A query parameter of the connection&apos;s URL.</source>
        <translation>Um parâmetro de consulta da URL da conexão.</translation>
    </message>
    <message>
        <source>A value of the JSON message (or request body): nested keys and array indexes, joined by dots.</source>
        <translation>Um valor da mensagem JSON (ou do corpo da requisição): chaves aninhadas e índices de array, unidos por pontos.</translation>
    </message>
    <message>
        <source>The whole message as it came.</source>
        <translation>A mensagem inteira, como chegou.</translation>
    </message>
    <message>
        <source>A header of the handshake (or HTTP request), any case.</source>
        <translation>Um cabeçalho do handshake (ou da requisição HTTP), sem distinção de maiúsculas.</translation>
    </message>
    <message>
        <source>A named group of a text pattern; {{NAME}} alone works too.</source>
        <translation>Um grupo nomeado de um padrão de texto; {{NOME}} sozinho também funciona.</translation>
    </message>
    <message>
        <source>The connection&apos;s number; {{connection.messages}} counts its messages so far.</source>
        <translation>O número da conexão; {{connection.messages}} conta as mensagens dela até agora.</translation>
    </message>
    <message>
        <source>A stream&apos;s tick, from 1.</source>
        <translation>O tique de um stream, a partir de 1.</translation>
    </message>
    <message>
        <source>The time in ISO 8601 UTC; {{now &apos;HH:mm:ss&apos;}} or {{now epoch-ms}} for other forms.</source>
        <translation>A hora em ISO 8601 UTC; {{now &apos;HH:mm:ss&apos;}} ou {{now epoch-ms}} para outras formas.</translation>
    </message>
    <message>
        <source>A new random UUID.</source>
        <translation>Um novo UUID aleatório.</translation>
    </message>
    <message>
        <source>A random whole number from MIN to MAX.</source>
        <translation>Um número inteiro aleatório de MIN a MAX.</translation>
    </message>
    <message>
        <source>template filter</source>
        <translation>filtro de template</translation>
    </message>
    <message>
        <source>A value to use when the placeholder is missing or empty.</source>
        <translation>Um valor a usar quando o marcador falta ou está vazio.</translation>
    </message>
    <message>
        <source>The value in upper case; | lower for lower case.</source>
        <translation>O valor em maiúsculas; | lower para minúsculas.</translation>
    </message>
    <message>
        <source>The value as JSON, for bare positions in a JSON reply; without it a client could add keys of its own.</source>
        <translation>O valor como JSON, para posições sem aspas numa resposta JSON; sem ele um cliente poderia acrescentar chaves próprias.</translation>
    </message>
    <message>
        <source>endpoint item</source>
        <translation>item endpoint</translation>
    </message>
    <message>
        <source>endpoint response</source>
        <translation>resposta do endpoint</translation>
    </message>
    <message>
        <source>An HTTP endpoint, served on the same port as the WebSockets.</source>
        <translation>Um endpoint HTTP, servido na mesma porta que os WebSockets.</translation>
    </message>
    <message>
        <source>Any HTTP method, in any case; GET by default.</source>
        <translation>Qualquer método HTTP, em maiúsculas ou minúsculas; GET por padrão.</translation>
    </message>
    <message>
        <source>Only requests for this host name (any case, port ignored).</source>
        <translation>Apenas requisições para este nome de host (sem distinção de maiúsculas, porta ignorada).</translation>
    </message>
    <message>
        <source>A typed path parameter: string, int, float, bool, uuid or date; other values are 404.</source>
        <translation>Um parâmetro de caminho tipado: string, int, float, bool, uuid ou date; outros valores dão 404.</translation>
    </message>
    <message>
        <source>Declared query parameters with their types; a wrong type is 400.</source>
        <translation>Parâmetros de consulta declarados com seus tipos; um tipo errado dá 400.</translation>
    </message>
    <message>
        <source>100 to 599; 200 by default.</source>
        <translation>De 100 a 599; 200 por padrão.</translation>
    </message>
    <message>
        <source>Response headers; values are templates.</source>
        <translation>Cabeçalhos da resposta; os valores são templates.</translation>
    </message>
    <message>
        <source>The response body: a template, or a YAML map or list sent as JSON.</source>
        <translation>O corpo da resposta: um template, ou um mapa ou lista YAML enviado como JSON.</translation>
    </message>
    <message>
        <source>A body read from a JSON file (relative to the config) or fetched from a URL at each request.</source>
        <translation>Um corpo lido de um arquivo JSON (relativo à configuração) ou buscado de uma URL a cada requisição.</translation>
    </message>
    <message>
        <source>At most max-requests per key in each window; over it, 429.</source>
        <translation>No máximo max-requests por chave em cada janela; acima disso, 429.</translation>
    </message>
    <message>
        <source>A request the mock sends after answering, sleep-time seconds later, optionally only if a condition holds.</source>
        <translation>Uma requisição que o mock envia depois de responder, sleep-time segundos depois, opcionalmente só se uma condição for verdadeira.</translation>
    </message>
    <message>
        <source>Frames sent to WebSocket clients of a path when the endpoint is hit.</source>
        <translation>Quadros enviados aos clientes WebSocket de um caminho quando o endpoint é chamado.</translation>
    </message>
    <message>
        <source>Mock Syntax</source>
        <translation>Sintaxe dos mocks</translation>
    </message>
    <message>
        <source>Search keys, placeholders and examples</source>
        <translation>Buscar chaves, marcadores e exemplos</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Buscar:</translation>
    </message>
    <message>
        <source>Nothing matches &quot;%1&quot;.</source>
        <translation>Nada corresponde a &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The rules, tried in order on each message; the first that matches replies. No match, no reply (unless on-unmatched).</source>
        <translation>As regras, testadas em ordem a cada mensagem; a primeira que corresponder responde. Sem correspondência, sem resposta (a não ser por on-unmatched).</translation>
    </message>
    <message>
        <source>The reply to a message no rule matches: a response, frames, a delay, recipients, a close. The message is still logged and counted as unmatched.</source>
        <translation>A resposta a uma mensagem que nenhuma regra atende: uma resposta, frames, um atraso, destinatários, um fechamento. A mensagem continua registrada e contada como sem correspondência.</translation>
    </message>
    <message>
        <source>rule, on-connect or on-unmatched</source>
        <translation>regra, on-connect ou on-unmatched</translation>
    </message>
    <message>
        <source>false switches the rule off: it stays in the config, never matches and hides no later rule. true is the default.</source>
        <translation>false desliga a regra: ela continua na configuração, nunca corresponde e não esconde nenhuma regra seguinte. true é o padrão.</translation>
    </message>
    <message>
        <source>The rule answers only while the connection is in one of these states; every connection starts in start.</source>
        <translation>A regra só responde enquanto a conexão está num destes estados; toda conexão começa em start.</translation>
    </message>
    <message>
        <source>The connection&apos;s state once the rule has matched.</source>
        <translation>O estado da conexão depois que a regra casou.</translation>
    </message>
    <message>
        <source>Values kept for this connection, read as {{vars.NAME}}; set before the rule answers.</source>
        <translation>Valores guardados para esta conexão, lidos como {{vars.NOME}}; definidos antes de a regra responder.</translation>
    </message>
    <message>
        <source>Values kept for every connection of the endpoint, read as {{shared.NAME}}.</source>
        <translation>Valores guardados para todas as conexões do endpoint, lidos como {{shared.NOME}}.</translation>
    </message>
    <message>
        <source>The rule answers only while the endpoint&apos;s shared values are these.</source>
        <translation>A regra só responde enquanto os valores compartilhados do endpoint forem estes.</translation>
    </message>
    <message>
        <source>A different reply on each match: stick on the last or cycle, counted per connection or per endpoint.</source>
        <translation>Uma resposta diferente a cada correspondência: fica na última ou recomeça o ciclo, contada por conexão ou por endpoint.</translation>
    </message>
    <message>
        <source>Starts a stream for this connection under a key; its frames see the message that started it and {{counter}}; count and final end it.</source>
        <translation>Inicia um stream para esta conexão sob uma chave; seus quadros veem a mensagem que o iniciou e {{counter}}; count e final o encerram.</translation>
    </message>
    <message>
        <source>Stops the connection&apos;s stream with this key.</source>
        <translation>Para o stream da conexão com esta chave.</translation>
    </message>
    <message>
        <source>A value set for this connection; {{shared.NAME}} one of the endpoint&apos;s, {{state}} the connection&apos;s state.</source>
        <translation>Um valor definido para esta conexão; {{shared.NOME}} um do endpoint, {{state}} o estado da conexão.</translation>
    </message>
    <message>
        <source>A real server (ws:// or wss://, templates allowed) each connection is relayed to: what a rule matches gets the mock&apos;s reply, every other frame goes to it, and what it sends comes back.</source>
        <translation>Um servidor real (ws:// ou wss://, com templates) ao qual cada conexão é repassada: o que uma regra casa recebe a resposta do mock, todo outro quadro vai para ele, e o que ele envia volta ao cliente.</translation>
    </message>
    <message>
        <source>true: any TLS certificate the proxy&apos;s server shows is accepted (a local server&apos;s self-signed one).</source>
        <translation>true: qualquer certificado TLS que o servidor do proxy apresente é aceito (o autoassinado de um servidor local).</translation>
    </message>
    <message>
        <source>The rule answers a %1 message whose %2 contains this text.</source>
        <translation>A regra responde a uma mensagem %1 cujo %2 contém este texto.</translation>
    </message>
    <message>
        <source>The rule answers a %1 message whose %2 is this.</source>
        <translation>A regra responde a uma mensagem %1 cujo %2 é este.</translation>
    </message>
    <message>
        <source>The reply goes out as a %1 under this name; the rule&apos;s response is its payload.</source>
        <translation>A resposta sai como %1 com este nome; a response da regra é o seu conteúdo.</translation>
    </message>
    <message>
        <source>The reply, a template, framed as a %1 instead of the preset&apos;s usual reply.</source>
        <translation>A resposta, um template, enquadrada como %1 em vez da resposta usual do preset.</translation>
    </message>
    <message>
        <source>A protocol the endpoint speaks on top of WebSocket (%1): Mocket does its handshake, framing and keep-alive, and the rules use its own keys.</source>
        <translation>Um protocolo que o endpoint fala sobre o WebSocket (%1): o Mocket faz o handshake, o enquadramento e o keep-alive dele, e as regras usam as chaves dele.</translation>
    </message>
    <message>
        <source>rule of a %1 endpoint</source>
        <translation>regra de um endpoint %1</translation>
    </message>
</context>
<context>
    <name>MocketCli</name>
    <message numerus="yes">
        <source>%1: invalid: %n error(s)</source>
        <translation>
            <numerusform>%1: inválido: %n erro</numerusform>
            <numerusform>%1: inválido: %n erros</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: OK: %n websocket endpoint(s)</source>
        <translation>
            <numerusform>%1: OK: %n endpoint websocket</numerusform>
            <numerusform>%1: OK: %n endpoints websocket</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n rule(s)</source>
        <translation>
            <numerusform>, %n regra</numerusform>
            <numerusform>, %n regras</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n warning(s)</source>
        <translation>
            <numerusform>, %n aviso</numerusform>
            <numerusform>, %n avisos</numerusform>
        </translation>
    </message>
    <message>
        <source>The YAML config to use.</source>
        <translation>A configuração YAML a usar.</translation>
    </message>
    <message>
        <source>CONFIG</source>
        <translation>CONFIG</translation>
    </message>
    <message>
        <source>Address to listen on (default 127.0.0.1).</source>
        <translation>Endereço em que escutar (padrão 127.0.0.1).</translation>
    </message>
    <message>
        <source>HOST</source>
        <translation>HOST</translation>
    </message>
    <message>
        <source>Port to listen on; 0 picks a free one (default 8000).</source>
        <translation>Porta em que escutar; 0 escolhe uma livre (padrão 8000).</translation>
    </message>
    <message>
        <source>PORT</source>
        <translation>PORTA</translation>
    </message>
    <message>
        <source>Reload the config when the file changes.</source>
        <translation>Recarrega a configuração quando o arquivo muda.</translation>
    </message>
    <message>
        <source>Append every event as a JSON line to FILE.</source>
        <translation>Acrescenta cada evento como uma linha JSON ao ARQUIVO.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>ARQUIVO</translation>
    </message>
    <message>
        <source>Print no line per event.</source>
        <translation>Não imprime uma linha por evento.</translation>
    </message>
    <message>
        <source>Largest message accepted, in bytes (default 16 MiB); a larger one closes its connection with 1009.</source>
        <translation>Maior mensagem aceita, em bytes (padrão 16 MiB); uma maior fecha sua conexão com 1009.</translation>
    </message>
    <message>
        <source>BYTES</source>
        <translation>BYTES</translation>
    </message>
    <message>
        <source>The YAML config.</source>
        <translation>A configuração YAML.</translation>
    </message>
    <message>
        <source>mocket-cli: a command is needed: serve CONFIG or check CONFIG (see --help)</source>
        <translation>mocket-cli: é preciso um comando: serve CONFIG ou check CONFIG (veja --help)</translation>
    </message>
    <message>
        <source>mocket-cli %1: which config? Give a file, e.g. mocket-cli %1 mocks.yml</source>
        <translation>mocket-cli %1: qual configuração? Informe um arquivo, por exemplo: mocket-cli %1 mocks.yml</translation>
    </message>
    <message>
        <source>mocket-cli: unexpected argument &apos;%1&apos;</source>
        <translation>mocket-cli: argumento inesperado &apos;%1&apos;</translation>
    </message>
    <message>
        <source>mocket-cli: invalid host &apos;%1&apos; (use an IP address such as 127.0.0.1 or 0.0.0.0)</source>
        <translation>mocket-cli: host inválido &apos;%1&apos; (use um endereço IP como 127.0.0.1 ou 0.0.0.0)</translation>
    </message>
    <message>
        <source>mocket-cli: invalid port &apos;%1&apos; (0 to 65535)</source>
        <translation>mocket-cli: porta inválida &apos;%1&apos; (de 0 a 65535)</translation>
    </message>
    <message>
        <source>Most clients served at once (default: no limit); more get HTTP 503.</source>
        <translation>Máximo de clientes atendidos ao mesmo tempo (padrão: sem limite); os excedentes recebem HTTP 503.</translation>
    </message>
    <message>
        <source>COUNT</source>
        <translation>QUANTIDADE</translation>
    </message>
    <message>
        <source>Accept browser handshakes only from this Origin (repeatable), e.g. http://localhost:3000; others get HTTP 403. Clients without an Origin are accepted.</source>
        <translation>Aceita handshakes de navegador apenas desta Origin (pode ser repetida), por exemplo http://localhost:3000; as demais recebem HTTP 403. Clientes sem Origin são aceitos.</translation>
    </message>
    <message>
        <source>ORIGIN</source>
        <translation>ORIGEM</translation>
    </message>
    <message>
        <source>Serve wss:// with this PEM certificate (chain).</source>
        <translation>Serve wss:// com este certificado PEM (pode ser uma cadeia).</translation>
    </message>
    <message>
        <source>The PEM private key of --tls-cert.</source>
        <translation>A chave privada PEM do --tls-cert.</translation>
    </message>
    <message numerus="yes">
        <source>, %n HTTP endpoint(s)</source>
        <translation>
            <numerusform>, %n endpoint HTTP</numerusform>
            <numerusform>, %n endpoints HTTP</numerusform>
        </translation>
    </message>
    <message>
        <source>Largest HTTP request body accepted, in bytes (default 16 MiB); a larger one gets HTTP 413.</source>
        <translation>Maior corpo de requisição HTTP aceito, em bytes (padrão 16 MiB); um maior recebe HTTP 413.</translation>
    </message>
    <message>
        <source>Do not answer CORS preflights nor add Access-Control-Allow-Origin to HTTP responses.</source>
        <translation>Não responder a preflights de CORS nem adicionar Access-Control-Allow-Origin às respostas HTTP.</translation>
    </message>
    <message>
        <source>mocket-cli: invalid --%1 &apos;%2&apos;</source>
        <translation>mocket-cli: --%1 inválido &apos;%2&apos;</translation>
    </message>
    <message>
        <source>Serve the control API under /__mocket/ (health, connections, the message journal, send, close, config).</source>
        <translation>Serve a API de controle em /__mocket/ (saúde, conexões, o diário de mensagens, envio, fechamento, configuração).</translation>
    </message>
    <message>
        <source>Every control API call must send Authorization: Bearer TOKEN (required with --control beyond 127.0.0.1).</source>
        <translation>Toda chamada à API de controle precisa enviar Authorization: Bearer TOKEN (obrigatório com --control fora de 127.0.0.1).</translation>
    </message>
    <message>
        <source>TOKEN</source>
        <translation>TOKEN</translation>
    </message>
    <message>
        <source>Frames the control API&apos;s journal keeps (default 100000); older ones are dropped and counted.</source>
        <translation>Frames que o diário da API de controle guarda (padrão 100000); os mais antigos são descartados e contados.</translation>
    </message>
    <message>
        <source>run: fail (exit 1) and list them when any client frame matched no rule.</source>
        <translation>run: falhar (saída 1) e listá-los quando algum frame de cliente não corresponder a nenhuma regra.</translation>
    </message>
    <message>
        <source>run: a YAML file of expectations the traffic must meet.</source>
        <translation>run: um arquivo YAML de expectativas que o tráfego deve cumprir.</translation>
    </message>
    <message>
        <source>run: write a JUnit XML report to FILE.</source>
        <translation>run: gravar um relatório JUnit XML em FILE.</translation>
    </message>
    <message>
        <source>run: write a Markdown summary to FILE.</source>
        <translation>run: gravar um resumo em Markdown em FILE.</translation>
    </message>
    <message>
        <source>serve, check or run</source>
        <translation>serve, check ou run</translation>
    </message>
    <message>
        <source>mocket-cli run: give the test command after --, e.g. mocket-cli run mocks.yml -- npm test</source>
        <translation>mocket-cli run: informe o comando de teste depois de --, por exemplo mocket-cli run mocks.yml -- npm test</translation>
    </message>
    <message>
        <source>mocket-cli verify: give the config and the --log file, e.g. mocket-cli verify mocks.yml mocket-events.jsonl</source>
        <translation>mocket-cli verify: informe a configuração e o arquivo de --log, por exemplo mocket-cli verify mocks.yml mocket-events.jsonl</translation>
    </message>
    <message>
        <source>mocket-cli: --tls-cert and --tls-key go together: give both</source>
        <translation>mocket-cli: --tls-cert e --tls-key andam juntos: informe os dois</translation>
    </message>
    <message numerus="yes">
        <source>%1: fails --strict: %n warning(s)</source>
        <translation>
            <numerusform>%1: falha no --strict: %n aviso</numerusform>
            <numerusform>%1: falha no --strict: %n avisos</numerusform>
        </translation>
    </message>
    <message>
        <source>check: fail (exit 1) when the config has warnings.</source>
        <translation>check: falhar (saída 1) quando a configuração tiver avisos.</translation>
    </message>
    <message>
        <source>Most bytes waiting for one client (default 64 MiB): replies it does not read, delayed replies, messages not yet answered; beyond it the client is dropped.</source>
        <translation>Máximo de bytes em espera para um cliente (padrão 64 MiB): respostas que ele não lê, respostas atrasadas, mensagens ainda não respondidas; além disso, o cliente é derrubado.</translation>
    </message>
    <message>
        <source>Most bytes waiting for all clients together (default 512 MiB); beyond it the client holding the most is dropped.</source>
        <translation>Máximo de bytes em espera para todos os clientes juntos (padrão 512 MiB); além disso, o cliente que mais retém é derrubado.</translation>
    </message>
    <message numerus="yes">
        <source>%n websocket endpoint(s)</source>
        <translation>
            <numerusform>%n endpoint websocket</numerusform>
            <numerusform>%n endpoints websocket</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n stream(s)</source>
        <translation>
            <numerusform>, %n stream</numerusform>
            <numerusform>, %n streams</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> from %n connection(s)</source>
        <translation>
            <numerusform> de %n conexão</numerusform>
            <numerusform> de %n conexões</numerusform>
        </translation>
    </message>
    <message>
        <source>generated %1</source>
        <translation>gerado: %1</translation>
    </message>
    <message>
        <source>mocket-cli generate: cannot write %1: %2</source>
        <translation>mocket-cli generate: não foi possível gravar %1: %2</translation>
    </message>
    <message>
        <source>wrote %1: %2</source>
        <translation>gravado %1: %2</translation>
    </message>
    <message>
        <source>generate: write the mocks to FILE (default: stdout).</source>
        <translation>generate: grava os mocks em FILE (padrão: saída padrão).</translation>
    </message>
    <message>
        <source>record: the real server to relay to (ws:// or wss://).</source>
        <translation>record: o servidor real para onde retransmitir (ws:// ou wss://).</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>record: the session file to write (JSON lines).</source>
        <translation>record: o arquivo de sessão a gravar (linhas JSON).</translation>
    </message>
    <message>
        <source>Serves WebSocket and HTTP mocks from a YAML file in Moclojer&apos;s format.

Commands:
  serve CONFIG   serve the mocks (default host 127.0.0.1, port 8000;
                 env HOST and PORT are honoured, flags win)
  check CONFIG   validate the file and print its problems (--strict:
                 exit 1 on warnings too)
  run CONFIG -- COMMAND [ARGS...]
                 serve (port 0 unless given), run the command with MOCKET_URL,
                 MOCKET_HTTP_URL (and MOCKET_CONTROL_URL) set, stop, and exit
                 with its code (1 when --fail-on-unmatched or --expect fail)
  verify CONFIG LOG.jsonl
                 the same verdicts and reports from a --log file
  generate SESSION [-o mocks.yml]
                 mocks from a recorded session (a --log file or a HAR file)
  record --upstream URL --out SESSION.jsonl
                 relay every path to the real server and record the traffic</source>
        <translation>Serve mocks de WebSocket e HTTP a partir de um arquivo YAML no formato do Moclojer.

Comandos:
  serve CONFIG   serve os mocks (host padrão 127.0.0.1, porta 8000;
                 as variáveis HOST e PORT são respeitadas, as opções prevalecem)
  check CONFIG   valida o arquivo e mostra os problemas (--strict:
                 sai com 1 também quando há avisos)
  run CONFIG -- COMANDO [ARGS...]
                 serve (porta 0 se não for dada), executa o comando com MOCKET_URL,
                 MOCKET_HTTP_URL (e MOCKET_CONTROL_URL) definidos, para e sai
                 com o código dele (1 quando --fail-on-unmatched ou --expect falham)
  verify CONFIG LOG.jsonl
                 os mesmos veredictos e relatórios a partir de um arquivo de --log
  generate SESSÃO [-o mocks.yml]
                 mocks a partir de uma sessão gravada (um arquivo de --log ou HAR)
  record --upstream URL --out SESSÃO.jsonl
                 retransmite cada caminho ao servidor real e grava o tráfego</translation>
    </message>
    <message>
        <source>mocket-cli generate: which session? Give a file, e.g. mocket-cli generate session.jsonl -o mocks.yml</source>
        <translation>mocket-cli generate: qual sessão? Informe um arquivo, por exemplo mocket-cli generate session.jsonl -o mocks.yml</translation>
    </message>
    <message>
        <source>mocket-cli record: give the real server as --upstream ws://HOST:PORT (or wss://)</source>
        <translation>mocket-cli record: informe o servidor real com --upstream ws://HOST:PORTA (ou wss://)</translation>
    </message>
    <message>
        <source>mocket-cli record: give the session file, e.g. --out session.jsonl</source>
        <translation>mocket-cli record: informe o arquivo de sessão, por exemplo --out session.jsonl</translation>
    </message>
    <message>
        <source>mocket-cli generate: %1 holds no WebSocket connection; there is nothing to make mocks of</source>
        <translation>mocket-cli generate: %1 não contém nenhuma conexão WebSocket; não há do que fazer mocks</translation>
    </message>
</context>
<context>
    <name>MocksPanel</name>
    <message>
        <source>Add endpoint</source>
        <translation>Adicionar endpoint</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>Adicionar regra</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regra</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicar</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Mover para cima</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Mover para baixo</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <source>/ws/chat/:room</source>
        <translation>/ws/chat/:sala</translation>
    </message>
    <message>
        <source>Sent when a client connects (empty: no greeting)</source>
        <translation>Enviada quando um cliente se conecta (vazio: sem saudação)</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Tipo:</translation>
    </message>
    <message>
        <source>Select an endpoint or a rule to edit it here, or add one.</source>
        <translation>Selecione um endpoint ou uma regra para editar aqui, ou adicione um novo.</translation>
    </message>
    <message>
        <source>(no path)</source>
        <translation>(sem caminho)</translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation>Linha %1</translation>
    </message>
    <message>
        <source>on-connect: %1</source>
        <translation>on-connect: %1</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>on-message[%1] · %2 pattern · line %3</source>
        <translation>on-message[%1] · padrão do tipo %2 · linha %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · on-message[%2]</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · on-message[%2]</translation>
    </message>
    <message>
        <source>&lt;b&gt;Endpoint&lt;/b&gt; · line %1</source>
        <translation>&lt;b&gt;Endpoint&lt;/b&gt; · linha %1</translation>
    </message>
    <message>
        <source>JSON: matches JSON messages holding these keys and values; {{…}} matches any value</source>
        <translation>JSON: corresponde a mensagens JSON que contêm estas chaves e valores; {{…}} corresponde a qualquer valor</translation>
    </message>
    <message>
        <source>Regex: matches the exact text, or any message the regular expression matches in full</source>
        <translation>Regex: corresponde ao texto exato ou a qualquer mensagem que a expressão regular reconheça por inteiro</translation>
    </message>
    <message>
        <source>Text: matches exactly this text (not a valid regular expression: %1)</source>
        <translation>Texto: corresponde exatamente a este texto (não é uma expressão regular válida: %1)</translation>
    </message>
    <message>
        <source>Text: matches exactly this message</source>
        <translation>Texto: corresponde exatamente a esta mensagem</translation>
    </message>
    <message numerus="yes">
        <source>%n frame(s)</source>
        <translation>
            <numerusform>%n frame</numerusform>
            <numerusform>%n frames</numerusform>
        </translation>
    </message>
    <message>
        <source>after %1</source>
        <translation>após %1</translation>
    </message>
    <message>
        <source>then close</source>
        <translation>depois fecha</translation>
    </message>
    <message>
        <source>none (e.g. chat.v2, chat.v1)</source>
        <translation>nenhum (ex.: chat.v2, chat.v1)</translation>
    </message>
    <message>
        <source>Streams: frames sent on a timer</source>
        <translation>Streams: frames enviados periodicamente</translation>
    </message>
    <message>
        <source>Text messages matching a pattern</source>
        <translation>Mensagens de texto que correspondem a um padrão</translation>
    </message>
    <message>
        <source>Any binary message</source>
        <translation>Qualquer mensagem binária</translation>
    </message>
    <message>
        <source>Binary messages starting with (hex)</source>
        <translation>Mensagens binárias que começam com (hex)</translation>
    </message>
    <message>
        <source>Binary messages starting with (base64)</source>
        <translation>Mensagens binárias que começam com (base64)</translation>
    </message>
    <message>
        <source>When a message arrives</source>
        <translation>Quando chega uma mensagem</translation>
    </message>
    <message>
        <source>&amp;Match:</source>
        <translation>&amp;Corresponder a:</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Resposta</translation>
    </message>
    <message>
        <source>binary starting %1 (hex)</source>
        <translation>binária começando com %1 (hex)</translation>
    </message>
    <message>
        <source>binary starting %1 (base64)</source>
        <translation>binária começando com %1 (base64)</translation>
    </message>
    <message>
        <source>any binary</source>
        <translation>qualquer binária</translation>
    </message>
    <message>
        <source>on-message[%1] · binary messages · line %2</source>
        <translation>on-message[%1] · mensagens binárias · linha %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · on-connect</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · on-connect</translation>
    </message>
    <message>
        <source>The prefix is pairs of hex digits, such as cafe</source>
        <translation>O prefixo são pares de dígitos hexadecimais, como cafe</translation>
    </message>
    <message>
        <source>The prefix is base64 text, such as yv4=</source>
        <translation>O prefixo é texto em base64, como yv4=</translation>
    </message>
    <message>
        <source>e.g. cafe</source>
        <translation>ex.: cafe</translation>
    </message>
    <message>
        <source>e.g. yv4=</source>
        <translation>ex.: yv4=</translation>
    </message>
    <message>
        <source>Prefi&amp;x:</source>
        <translation>Pref&amp;ixo:</translation>
    </message>
    <message>
        <source>to the others</source>
        <translation>para os outros</translation>
    </message>
    <message>
        <source>to the whole endpoint</source>
        <translation>para todo o endpoint</translation>
    </message>
    <message>
        <source>on-connect sends more than a text: select on-connect above to edit it</source>
        <translation>on-connect envia mais que um texto: selecione on-connect acima para editá-lo</translation>
    </message>
    <message>
        <source>WebSocket endpoint</source>
        <translation>Endpoint WebSocket</translation>
    </message>
    <message>
        <source>HTTP endpoint</source>
        <translation>Endpoint HTTP</translation>
    </message>
    <message>
        <source>HTTP endpoint · line %1</source>
        <translation>Endpoint HTTP · linha %1</translation>
    </message>
    <message>
        <source>Subprot&amp;ocols:</source>
        <translation>Subpro&amp;tocolos:</translation>
    </message>
    <message>
        <source>&amp;Pattern:</source>
        <translation>&amp;Padrão:</translation>
    </message>
    <message>
        <source>Showing the last valid file; fix the YAML syntax on line %1 to edit here.</source>
        <translation>Mostrando o último arquivo válido; corrija a sintaxe YAML na linha %1 para editar aqui.</translation>
    </message>
    <message>
        <source>The YAML has a syntax error on line %1: fix it to edit here.</source>
        <translation>O YAML tem um erro de sintaxe na linha %1: corrija-o para editar aqui.</translation>
    </message>
    <message>
        <source>The YAML has a syntax error: the forms cannot edit it until it is fixed in the editor</source>
        <translation>O YAML tem um erro de sintaxe: os formulários não podem editá-lo até que seja corrigido no editor</translation>
    </message>
    <message>
        <source>path — the URL path; :name segments capture a value for {{path-params.name}}</source>
        <translation>path — o caminho da URL; segmentos :nome capturam um valor para {{path-params.nome}}</translation>
    </message>
    <message>
        <source>on-connect: response — sent to each client that connects; {{ or Ctrl+Space offers placeholders</source>
        <translation>on-connect: response — enviado a cada cliente que se conecta; {{ ou Ctrl+Espaço oferece placeholders</translation>
    </message>
    <message>
        <source>subprotocols — the subprotocols this endpoint accepts, in order of preference, separated by commas</source>
        <translation>subprotocols — os subprotocolos que este endpoint aceita, em ordem de preferência, separados por vírgulas</translation>
    </message>
    <message>
        <source>pattern for text messages; binary: any, hex-prefix or base64-prefix for binary ones</source>
        <translation>pattern para mensagens de texto; binary: any, hex-prefix ou base64-prefix para as binárias</translation>
    </message>
    <message>
        <source>pattern — exact text, a regex matching the whole message, or JSON whose {{…}} placeholders match any value</source>
        <translation>pattern — texto exato, uma regex que casa com a mensagem inteira, ou JSON cujos placeholders {{…}} casam com qualquer valor</translation>
    </message>
    <message>
        <source>hex-prefix or base64-prefix — the bytes a binary message must start with</source>
        <translation>hex-prefix ou base64-prefix — os bytes com que uma mensagem binária precisa começar</translation>
    </message>
    <message>
        <source>any state</source>
        <translation>qualquer estado</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>inalterado</translation>
    </message>
    <message>
        <source>In states:</source>
        <translation>Nos estados:</translation>
    </message>
    <message>
        <source>Then state:</source>
        <translation>Depois, estado:</translation>
    </message>
    <message>
        <source> · switched off (enabled: false)</source>
        <translation> · desligada (enabled: false)</translation>
    </message>
    <message>
        <source>when-state — the rule answers only in these states (names separated by commas)</source>
        <translation>when-state — a regra responde só nestes estados (nomes separados por vírgulas)</translation>
    </message>
    <message>
        <source>set-state — the connection&apos;s state once the rule has matched</source>
        <translation>set-state — o estado da conexão depois que a regra casou</translation>
    </message>
    <message>
        <source>enabled — a switched-off rule stays in the config and never answers</source>
        <translation>enabled — uma regra desligada continua na configuração e nunca responde</translation>
    </message>
    <message>
        <source>P&amp;ath:</source>
        <translation>Camin&amp;ho:</translation>
    </message>
    <message>
        <source>En&amp;abled</source>
        <translation>L&amp;igada</translation>
    </message>
    <message>
        <source>on-unmatched: response — sent when no rule matches a message, text or binary (the message still counts as unmatched); empty: no reply. {{message}} is the message</source>
        <translation>on-unmatched: response — enviada quando nenhuma regra corresponde a uma mensagem, de texto ou binária (a mensagem continua contando como sem correspondência); vazio: sem resposta. {{message}} é a mensagem</translation>
    </message>
    <message>
        <source>Fallback:</source>
        <translation>Sem regra:</translation>
    </message>
    <message>
        <source>on-unmatched does more than answer with a text: edit it in the YAML</source>
        <translation>on-unmatched faz mais do que responder com um texto: edite-o no YAML</translation>
    </message>
    <message>
        <source>Sent when no rule matches; empty: none</source>
        <translation>Se nenhuma regra responde; vazio: nada</translation>
    </message>
    <message>
        <source>any</source>
        <translation>qualquer</translation>
    </message>
    <message>
        <source>%1 — which %2 messages the rule answers (empty: any); the pattern, if any, then matches their payload</source>
        <translation>%1 — a quais mensagens %2 a regra responde (vazio: qualquer uma); o padrão, se houver, casa então com o conteúdo delas</translation>
    </message>
    <message>
        <source>Greet&amp;ing:</source>
        <translation>Sau&amp;dação:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <source>protocol — a protocol this endpoint speaks on top of WebSocket: Mocket does its handshake, framing and keep-alive, and the rules select on its terms</source>
        <translation>protocol — um protocolo que este endpoint fala sobre o WebSocket: o Mocket faz o handshake, o enquadramento e o keep-alive dele, e as regras selecionam nos termos dele</translation>
    </message>
    <message>
        <source>&amp;Protocol:</source>
        <translation>Proto&amp;colo:</translation>
    </message>
    <message numerus="yes">
        <source>a sequence of %n answer(s)</source>
        <translation>
            <numerusform>uma sequência de %n resposta</numerusform>
            <numerusform>uma sequência de %n respostas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PathPattern</name>
    <message>
        <source>path &apos;%1&apos; must start with &apos;/&apos;</source>
        <translation>o caminho &apos;%1&apos; deve começar com &apos;/&apos;</translation>
    </message>
    <message>
        <source>path &apos;%1&apos; must not contain a query or fragment</source>
        <translation>o caminho &apos;%1&apos; não pode conter query string nem fragmento</translation>
    </message>
    <message>
        <source>path &apos;%1&apos; has a &apos;:&apos; segment without a name</source>
        <translation>o caminho &apos;%1&apos; tem um segmento &apos;:&apos; sem nome</translation>
    </message>
    <message>
        <source>path &apos;%1&apos; names parameter &apos;%2&apos; twice</source>
        <translation>o caminho &apos;%1&apos; usa o nome de parâmetro &apos;%2&apos; duas vezes</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <source>an int</source>
        <translation>um inteiro</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>um número</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true ou false</translation>
    </message>
    <message>
        <source>a UUID</source>
        <translation>um UUID</translation>
    </message>
    <message>
        <source>a date (yyyy-MM-dd)</source>
        <translation>uma data (aaaa-MM-dd)</translation>
    </message>
    <message>
        <source>unknown type &apos;%1&apos; (use string, int, float, bool, uuid or date)</source>
        <translation>tipo desconhecido &apos;%1&apos; (use string, int, float, bool, uuid ou date)</translation>
    </message>
    <message>
        <source>path &apos;%1&apos;: %2</source>
        <translation>caminho &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <source>path parameter &apos;%1&apos; must be %2, got &apos;%3&apos;</source>
        <translation>o parâmetro de caminho &apos;%1&apos; deve ser %2, mas veio &apos;%3&apos;</translation>
    </message>
</context>
<context>
    <name>PlaceholderCompleter</name>
    <message>
        <source>Insert Place&amp;holder</source>
        <translation>Inserir &amp;placeholder</translation>
    </message>
    <message>
        <source>Insert a placeholder: the path&apos;s parameters, what the pattern binds, helpers, filters</source>
        <translation>Inserir um placeholder: os parâmetros do caminho, o que o padrão captura, funções, filtros</translation>
    </message>
</context>
<context>
    <name>Placeholders</name>
    <message>
        <source>JSON pattern: binds nothing</source>
        <translation>padrão JSON: não captura nada</translation>
    </message>
    <message>
        <source>JSON pattern: binds %1</source>
        <translation>padrão JSON: captura %1</translation>
    </message>
    <message>
        <source>regex: binds nothing (name a group: (?&lt;cmd&gt;…))</source>
        <translation>regex: não captura nada (dê nome a um grupo: (?&lt;cmd&gt;…))</translation>
    </message>
    <message>
        <source>regex: binds %1</source>
        <translation>regex: captura %1</translation>
    </message>
    <message>
        <source>exact text</source>
        <translation>texto exato</translation>
    </message>
    <message>
        <source>the path&apos;s :%1 segment</source>
        <translation>o segmento :%1 do caminho</translation>
    </message>
    <message>
        <source>bound by the rule&apos;s JSON pattern</source>
        <translation>capturado pelo padrão JSON da regra</translation>
    </message>
    <message>
        <source>a named group of the rule&apos;s regex</source>
        <translation>um grupo nomeado da regex da regra</translation>
    </message>
    <message>
        <source>the message, as received</source>
        <translation>a mensagem, como foi recebida</translation>
    </message>
    <message>
        <source>a key of the request&apos;s JSON body</source>
        <translation>uma chave do corpo JSON da requisição</translation>
    </message>
    <message>
        <source>the stream&apos;s tick: 0, 1, 2…</source>
        <translation>o tique do stream: 0, 1, 2…</translation>
    </message>
    <message>
        <source>a query parameter of the request</source>
        <translation>um parâmetro de consulta da requisição</translation>
    </message>
    <message>
        <source>a header of the request, any case</source>
        <translation>um cabeçalho da requisição, em qualquer caixa</translation>
    </message>
    <message>
        <source>the connection&apos;s number</source>
        <translation>o número da conexão</translation>
    </message>
    <message>
        <source>the time now, ISO 8601 UTC</source>
        <translation>a hora atual, ISO 8601 UTC</translation>
    </message>
    <message>
        <source>a new random UUID</source>
        <translation>um UUID aleatório novo</translation>
    </message>
    <message>
        <source>a random integer from 1 to 100</source>
        <translation>um inteiro aleatório de 1 a 100</translation>
    </message>
    <message>
        <source>filter: the value as JSON, quoted and escaped</source>
        <translation>filtro: o valor como JSON, entre aspas e escapado</translation>
    </message>
    <message>
        <source>filter: this text when the value is missing</source>
        <translation>filtro: este texto quando o valor falta</translation>
    </message>
    <message>
        <source>filter: in upper case</source>
        <translation>filtro: em maiúsculas</translation>
    </message>
</context>
<context>
    <name>PlainUpstreamSocket</name>
    <message numerus="yes">
        <source>its answer to the handshake is over %n KiB</source>
        <translation>
            <numerusform>sua resposta ao handshake passa de %n KiB</numerusform>
            <numerusform>sua resposta ao handshake passa de %n KiB</numerusform>
        </translation>
    </message>
    <message>
        <source>it did not answer in HTTP</source>
        <translation>ele não respondeu em HTTP</translation>
    </message>
    <message>
        <source>it answered %1 instead of switching to WebSocket</source>
        <translation>ele respondeu %1 em vez de passar para WebSocket</translation>
    </message>
    <message>
        <source>it switched protocols but not to WebSocket</source>
        <translation>ele trocou de protocolo, mas não para WebSocket</translation>
    </message>
    <message>
        <source>its Sec-WebSocket-Accept does not answer the key sent</source>
        <translation>seu Sec-WebSocket-Accept não corresponde à chave enviada</translation>
    </message>
    <message>
        <source>it chose subprotocol %1, which the client did not offer</source>
        <translation>ele escolheu o subprotocolo %1, que o cliente não ofereceu</translation>
    </message>
    <message>
        <source>it chose extensions, which were not offered</source>
        <translation>ele escolheu extensões, que não foram oferecidas</translation>
    </message>
    <message>
        <source>upstream sent a frame with a reserved bit set</source>
        <translation>o servidor real enviou um quadro com um bit reservado ligado</translation>
    </message>
    <message numerus="yes">
        <source>upstream sent a message over %n MiB</source>
        <translation>
            <numerusform>o servidor real enviou uma mensagem com mais de %n MiB</numerusform>
            <numerusform>o servidor real enviou uma mensagem com mais de %n MiB</numerusform>
        </translation>
    </message>
    <message>
        <source>upstream sent a continuation frame with no message to continue</source>
        <translation>o servidor real enviou um quadro de continuação sem mensagem a continuar</translation>
    </message>
    <message>
        <source>upstream sent a new message inside a fragmented one</source>
        <translation>o servidor real enviou uma nova mensagem dentro de uma fragmentada</translation>
    </message>
    <message>
        <source>upstream sent a frame of unknown opcode %1</source>
        <translation>o servidor real enviou um quadro de opcode desconhecido %1</translation>
    </message>
    <message>
        <source>upstream sent a text message that is not UTF-8</source>
        <translation>o servidor real enviou uma mensagem de texto que não é UTF-8</translation>
    </message>
    <message>
        <source>upstream sent a control frame fragmented or over 125 bytes</source>
        <translation>o servidor real enviou um quadro de controle fragmentado ou com mais de 125 bytes</translation>
    </message>
    <message>
        <source>upstream sent a close frame of one byte</source>
        <translation>o servidor real enviou um quadro de fechamento de um byte</translation>
    </message>
</context>
<context>
    <name>ProxyLink</name>
    <message>
        <source>upstream unreachable: %1</source>
        <translation>servidor real inacessível: %1</translation>
    </message>
    <message numerus="yes">
        <source>upstream did not answer within %n s</source>
        <translation>
            <numerusform>o servidor real não respondeu em %n s</numerusform>
            <numerusform>o servidor real não respondeu em %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>upstream connection lost</source>
        <translation>conexão com o servidor real perdida</translation>
    </message>
</context>
<context>
    <name>RecordCommand</name>
    <message>
        <source>mocket-cli record: cannot write %1: %2</source>
        <translation>mocket-cli record: não foi possível gravar %1: %2</translation>
    </message>
    <message>
        <source>mocket-cli record: cannot listen on %1:%2: %3</source>
        <translation>mocket-cli record: não foi possível escutar em %1:%2: %3</translation>
    </message>
    <message>
        <source>Mocket recording on ws://%1:%2 from %3 into %4</source>
        <translation>Mocket gravando em ws://%1:%2 a partir de %3 para %4</translation>
    </message>
    <message numerus="yes">
        <source>Stopping: closing %n connection(s)</source>
        <translation>
            <numerusform>Parando: fechando %n conexão</numerusform>
            <numerusform>Parando: fechando %n conexões</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Record from a server</source>
        <translation>Gravar de um servidor</translation>
    </message>
    <message>
        <source>The real server: each path your app asks for is relayed to the same path (and query) under this URL</source>
        <translation>O servidor real: cada caminho que o seu app pedir é retransmitido para o mesmo caminho (e query) sob esta URL</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>qualquer porta livre</translation>
    </message>
    <message>
        <source>The port on 127.0.0.1 your app connects to instead of the server</source>
        <translation>A porta em 127.0.0.1 à qual o seu app se conecta no lugar do servidor</translation>
    </message>
    <message>
        <source>&amp;Accept a self-signed certificate from the server</source>
        <translation>&amp;Aceitar um certificado autoassinado do servidor</translation>
    </message>
    <message>
        <source>For a local wss:// server whose certificate no authority signed; leave it off for real servers</source>
        <translation>Para um servidor wss:// local cujo certificado nenhuma autoridade assinou; deixe desligado para servidores reais</translation>
    </message>
    <message>
        <source>&amp;Server URL:</source>
        <translation>URL do &amp;servidor:</translation>
    </message>
    <message>
        <source>&amp;Local port:</source>
        <translation>&amp;Porta local:</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Gravar</translation>
    </message>
    <message>
        <source>Mocket relays your app&apos;s WebSocket connections to the real server and shows every frame; then save the traffic, or create mocks from it.</source>
        <translation>O Mocket retransmite as conexões WebSocket do seu app para o servidor real e mostra cada frame; depois salve o tráfego ou crie mocks a partir dele.</translation>
    </message>
    <message>
        <source>Write the server&apos;s URL as ws://host[:port][/path] or wss://…</source>
        <translation>Escreva a URL do servidor como ws://host[:porta][/caminho] ou wss://…</translation>
    </message>
</context>
<context>
    <name>RecordingWindow</name>
    <message>
        <source>Recording from %1</source>
        <translation>Gravando de %1</translation>
    </message>
    <message>
        <source>&amp;Stop recording</source>
        <translation>&amp;Parar a gravação</translation>
    </message>
    <message>
        <source>Close every relayed connection and stop listening; the traffic stays, to be saved or made into mocks</source>
        <translation>Fechar todas as conexões retransmitidas e parar de escutar; o tráfego fica, para ser salvo ou virar mocks</translation>
    </message>
    <message>
        <source>Recording: point your app at ws://127.0.0.1:%1; every path is relayed to %2.</source>
        <translation>Gravando: aponte o seu app para ws://127.0.0.1:%1; cada caminho é retransmitido para %2.</translation>
    </message>
    <message>
        <source>Recording stopped. Save the traffic, or create mocks from it.</source>
        <translation>Gravação parada. Salve o tráfego ou crie mocks a partir dele.</translation>
    </message>
</context>
<context>
    <name>ReplyForm</name>
    <message>
        <source>Enter the bytes in base64, such as AAEC/w==</source>
        <translation>Digite os bytes em base64, como AAEC/w==</translation>
    </message>
    <message>
        <source>Text greeting</source>
        <translation>Saudação em texto</translation>
    </message>
    <message>
        <source>Text response</source>
        <translation>Resposta em texto</translation>
    </message>
    <message>
        <source>One binary frame (base64)</source>
        <translation>Um frame binário (base64)</translation>
    </message>
    <message>
        <source>Several frames</source>
        <translation>Vários frames</translation>
    </message>
    <message>
        <source>Sent when a client connects (empty: no greeting)</source>
        <translation>Enviada quando um cliente se conecta (vazio: sem saudação)</translation>
    </message>
    <message>
        <source>The reply; {{…}} inserts values from the message</source>
        <translation>A resposta; {{…}} insere valores da mensagem</translation>
    </message>
    <message>
        <source>AAEC/w==</source>
        <translation>AAEC/w==</translation>
    </message>
    <message>
        <source>Reply &amp;with:</source>
        <translation>Responder co&amp;m:</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>Te&amp;xto:</translation>
    </message>
    <message>
        <source>&amp;Response:</source>
        <translation>&amp;Resposta:</translation>
    </message>
    <message>
        <source>Timing &amp;&amp; delivery</source>
        <translation>Tempo e entrega</translation>
    </message>
    <message>
        <source>Delay, recipients, and closing the connection afterwards</source>
        <translation>Atraso, destinatários e fechamento da conexão em seguida</translation>
    </message>
    <message>
        <source>none (e.g. 250ms, 1.5s, 100ms..300ms)</source>
        <translation>nenhum (ex.: 250ms, 1.5s, 100ms..300ms)</translation>
    </message>
    <message>
        <source>The new connection</source>
        <translation>A nova conexão</translation>
    </message>
    <message>
        <source>The sender</source>
        <translation>O remetente</translation>
    </message>
    <message>
        <source>Every connection of this endpoint</source>
        <translation>Todas as conexões deste endpoint</translation>
    </message>
    <message>
        <source>Everyone else (someone joined)</source>
        <translation>Todos os outros (alguém entrou)</translation>
    </message>
    <message>
        <source>Everyone but the sender</source>
        <translation>Todos menos o remetente</translation>
    </message>
    <message>
        <source>reason (optional)</source>
        <translation>motivo (opcional)</translation>
    </message>
    <message>
        <source>Send &amp;to:</source>
        <translation>En&amp;viar para:</translation>
    </message>
    <message>
        <source>C&amp;ode:</source>
        <translation>Có&amp;digo:</translation>
    </message>
    <message>
        <source>An empty greeting sends nothing: type one, or remove on-connect with the Remove button</source>
        <translation>Uma saudação vazia não envia nada: digite uma ou remova on-connect com o botão Remover</translation>
    </message>
    <message>
        <source>Add at least one frame</source>
        <translation>Adicione pelo menos um frame</translation>
    </message>
    <message>
        <source>These frames have keys the table cannot show; edit them in the YAML</source>
        <translation>Estes frames têm chaves que a tabela não mostra; edite-os no YAML</translation>
    </message>
    <message>
        <source>Base&amp;64:</source>
        <translation>&amp;Base64:</translation>
    </message>
    <message>
        <source>F&amp;rames:</source>
        <translation>F&amp;rames:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motivo:</translation>
    </message>
    <message>
        <source>response for text, binary for one base64 frame, frames for several</source>
        <translation>response para texto, binary para um frame em base64, frames para vários</translation>
    </message>
    <message>
        <source>response — the greeting&apos;s text; {{ or Ctrl+Space offers placeholders</source>
        <translation>response — o texto da saudação; {{ ou Ctrl+Espaço oferece placeholders</translation>
    </message>
    <message>
        <source>response — the reply&apos;s text; {{ or Ctrl+Space offers placeholders</source>
        <translation>response — o texto da resposta; {{ ou Ctrl+Espaço oferece placeholders</translation>
    </message>
    <message>
        <source>binary — one binary frame, written in base64</source>
        <translation>binary — um frame binário, escrito em base64</translation>
    </message>
    <message>
        <source>delay — wait this long before the greeting</source>
        <translation>delay — espera este tempo antes da saudação</translation>
    </message>
    <message>
        <source>delay — wait this long before replying</source>
        <translation>delay — espera este tempo antes de responder</translation>
    </message>
    <message>
        <source>to — sender (the default), endpoint or others</source>
        <translation>to — sender (o padrão), endpoint ou others</translation>
    </message>
    <message>
        <source>close — close the connection after this reply</source>
        <translation>close — fecha a conexão depois desta resposta</translation>
    </message>
    <message>
        <source>close: code — 1000 normal closure; 3000-4999 for applications</source>
        <translation>close: code — 1000 fechamento normal; 3000-4999 para aplicações</translation>
    </message>
    <message>
        <source>close: reason — sent with the close code</source>
        <translation>close: reason — enviado com o código de fechamento</translation>
    </message>
    <message>
        <source>G&amp;reeting:</source>
        <translation>Sau&amp;dação:</translation>
    </message>
    <message>
        <source>Close the connect&amp;ion afterwards</source>
        <translation>Fec&amp;har a conexão em seguida</translation>
    </message>
    <message>
        <source>Dela&amp;y:</source>
        <translation>A&amp;traso:</translation>
    </message>
    <message>
        <source>Sent as:</source>
        <translation>Enviada como:</translation>
    </message>
    <message>
        <source>%1: as a %2</source>
        <translation>%1: como %2</translation>
    </message>
    <message>
        <source>none: the preset&apos;s usual reply</source>
        <translation>nenhum: a resposta usual do preset</translation>
    </message>
    <message>
        <source>%1 — the reply goes out as a %2 under this name; the response is its payload</source>
        <translation>%1 — a resposta sai como %2 com este nome; a resposta é o seu conteúdo</translation>
    </message>
    <message>
        <source>response — the key the text response is written under: response for the preset&apos;s usual reply</source>
        <translation>response — a chave sob a qual a resposta em texto é escrita: response para a resposta usual do preset</translation>
    </message>
</context>
<context>
    <name>RunReport</name>
    <message>
        <source>expected %1; counted %2</source>
        <translation>esperado: %1; contado: %2</translation>
    </message>
    <message>
        <source>#%1 %2: %3</source>
        <translation>#%1 %2: %3</translation>
    </message>
    <message>
        <source>the test command</source>
        <translation>o comando de teste</translation>
    </message>
    <message>
        <source>the command exited with %1</source>
        <translation>o comando saiu com %1</translation>
    </message>
    <message>
        <source>unmatched frame %1</source>
        <translation>frame sem correspondência %1</translation>
    </message>
    <message>
        <source>no rule matched %1</source>
        <translation>nenhuma regra correspondeu a %1</translation>
    </message>
    <message>
        <source>more unmatched frames</source>
        <translation>mais frames sem correspondência</translation>
    </message>
    <message>
        <source>%1 more frames matched no rule</source>
        <translation>mais %1 frames não corresponderam a nenhuma regra</translation>
    </message>
    <message>
        <source>## Mocket: %1

</source>
        <translation>## Mocket: %1

</translation>
    </message>
    <message>
        <source>The test command passed.

</source>
        <translation>O comando de teste passou.

</translation>
    </message>
    <message>
        <source>The test command failed (exit %1).

</source>
        <translation>O comando de teste falhou (saída %1).

</translation>
    </message>
    <message>
        <source>| Expectation | Counted | Result |
|---|---|---|
</source>
        <translation>| Expectativa | Contado | Resultado |
|---|---|---|
</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>passou</translation>
    </message>
    <message>
        <source>**failed**</source>
        <translation>**falhou**</translation>
    </message>
    <message>
        <source>| Endpoint | Connections | Closes | Rule | Matched |
|---|---|---|---|---|
</source>
        <translation>| Endpoint | Conexões | Fechamentos | Regra | Correspondências |
|---|---|---|---|---|
</translation>
    </message>
    <message>
        <source>*unmatched*</source>
        <translation>*sem correspondência*</translation>
    </message>
    <message>
        <source>
| HTTP endpoint | Requests |
|---|---|
</source>
        <translation>
| Endpoint HTTP | Requisições |
|---|---|
</translation>
    </message>
</context>
<context>
    <name>SequenceForm</name>
    <message>
        <source>One reply</source>
        <translation>Uma resposta</translation>
    </message>
    <message>
        <source>A sequence of replies</source>
        <translation>Uma sequência de respostas</translation>
    </message>
    <message>
        <source>sequence — the rule answers its 1st, 2nd, ... match with the next of its replies</source>
        <translation>sequence — a regra responde à 1ª, 2ª, ... mensagem casada com a próxima de suas respostas</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>Respostas</translation>
    </message>
    <message>
        <source>Add reply</source>
        <translation>Adicionar resposta</translation>
    </message>
    <message>
        <source>Remove reply</source>
        <translation>Remover resposta</translation>
    </message>
    <message>
        <source>Move reply up</source>
        <translation>Mover resposta para cima</translation>
    </message>
    <message>
        <source>Move reply down</source>
        <translation>Mover resposta para baixo</translation>
    </message>
    <message>
        <source>Stick on the last reply</source>
        <translation>Ficar na última resposta</translation>
    </message>
    <message>
        <source>Start over after the last</source>
        <translation>Recomeçar depois da última</translation>
    </message>
    <message>
        <source>mode — stick (the default) or cycle</source>
        <translation>mode — stick (o padrão) ou cycle</translation>
    </message>
    <message>
        <source>Each connection counts its own</source>
        <translation>Cada conexão conta a sua</translation>
    </message>
    <message>
        <source>The whole endpoint counts once</source>
        <translation>O endpoint inteiro conta uma vez só</translation>
    </message>
    <message>
        <source>per — connection (the default) or endpoint</source>
        <translation>per — connection (o padrão) ou endpoint</translation>
    </message>
    <message>
        <source>This sequence has keys the form cannot show; edit it in the YAML</source>
        <translation>Esta sequência tem chaves que o formulário não mostra; edite-a no YAML</translation>
    </message>
    <message>
        <source>Replies:</source>
        <translation>Respostas:</translation>
    </message>
    <message>
        <source>After the last:</source>
        <translation>Depois da última:</translation>
    </message>
    <message>
        <source>Counted:</source>
        <translation>Contagem:</translation>
    </message>
    <message>
        <source>Answers:</source>
        <translation>Tipo de resposta:</translation>
    </message>
    <message>
        <source>next reply</source>
        <translation>próxima resposta</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
</context>
<context>
    <name>ServeCommand</name>
    <message>
        <source>%1: error: cannot open the file: %2</source>
        <translation>%1: erro: não é possível abrir o arquivo: %2</translation>
    </message>
    <message>
        <source>%1: not served: fix the errors above</source>
        <translation>%1: não servido: corrija os erros acima</translation>
    </message>
    <message>
        <source>warning: listening on all interfaces (%1): other machines can reach this mock</source>
        <translation>aviso: escutando em todas as interfaces (%1): outras máquinas podem acessar este mock</translation>
    </message>
    <message numerus="yes">
        <source>Mocket serving %1 on %2 (%n endpoint(s): %3)</source>
        <translation>
            <numerusform>Mocket servindo %1 em %2 (%n endpoint: %3)</numerusform>
            <numerusform>Mocket servindo %1 em %2 (%n endpoints: %3)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopping: closing %n connection(s)</source>
        <translation>
            <numerusform>Parando: fechando %n conexão</numerusform>
            <numerusform>Parando: fechando %n conexões</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: reload failed; still serving the last good config</source>
        <translation>%1: falha ao recarregar; a última configuração válida continua sendo servida</translation>
    </message>
    <message>
        <source>%1: reload skipped: the file defines no endpoints; still serving the last good config</source>
        <translation>%1: recarga ignorada: o arquivo não define nenhum endpoint; a última configuração válida continua sendo servida</translation>
    </message>
    <message numerus="yes">
        <source>Reloaded %1 (%n endpoint(s): %2)</source>
        <translation>
            <numerusform>%1 recarregado (%n endpoint: %2)</numerusform>
            <numerusform>%1 recarregado (%n endpoints: %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>HTTP on %1 (%n route(s): %2)</source>
        <translation>
            <numerusform>HTTP em %1 (%n rota: %2)</numerusform>
            <numerusform>HTTP em %1 (%n rotas: %2)</numerusform>
        </translation>
    </message>
    <message>
        <source>Control API on %1/__mocket/%2</source>
        <translation>API de controle em %1/__mocket/%2</translation>
    </message>
    <message>
        <source> (Authorization: Bearer TOKEN)</source>
        <translation> (Authorization: Bearer TOKEN)</translation>
    </message>
</context>
<context>
    <name>ServerSettingsDialog</name>
    <message>
        <source>Server Settings</source>
        <translation>Configurações do servidor</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sem limite</translation>
    </message>
    <message>
        <source>Clients beyond this many get HTTP 503</source>
        <translation>Clientes além desse limite recebem HTTP 503</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>A larger message closes its connection with 1009</source>
        <translation>Uma mensagem maior fecha sua conexão com 1009</translation>
    </message>
    <message>
        <source>One origin per line, e.g. http://localhost:3000
Empty: any origin</source>
        <translation>Uma origem por linha, por exemplo http://localhost:3000
Vazio: qualquer origem</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
    <message>
        <source>Most &amp;connections:</source>
        <translation>Máximo de &amp;conexões:</translation>
    </message>
    <message>
        <source>Largest &amp;message:</source>
        <translation>Tamanho máximo da &amp;mensagem:</translation>
    </message>
    <message>
        <source>Allowed &amp;origins:</source>
        <translation>&amp;Origens permitidas:</translation>
    </message>
    <message>
        <source>TLS certificate</source>
        <translation>Certificado TLS</translation>
    </message>
    <message>
        <source>TLS &amp;key (PEM):</source>
        <translation>C&amp;have TLS (PEM):</translation>
    </message>
    <message>
        <source>TLS private key</source>
        <translation>Chave privada TLS</translation>
    </message>
    <message>
        <source>With a certificate and key the server speaks wss://. Changes take effect at the next start.</source>
        <translation>Com um certificado e uma chave, o servidor usa wss://. As alterações entram em vigor na próxima inicialização.</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>Arquivos PEM (*.pem *.crt *.key);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>An HTTP request with a larger body gets 413</source>
        <translation>Uma requisição HTTP com corpo maior recebe 413</translation>
    </message>
    <message>
        <source>Answer CORS &amp;preflights and name the allowed origin</source>
        <translation>Responder a &amp;preflights de CORS e indicar a origem permitida</translation>
    </message>
    <message>
        <source>Lets a web page on another origin call the HTTP endpoints; the allowed origins above limit which ones</source>
        <translation>Permite que uma página web em outra origem chame os endpoints HTTP; as origens permitidas acima limitam quais</translation>
    </message>
    <message>
        <source>Largest HTTP &amp;body:</source>
        <translation>&amp;Tamanho máximo do corpo HTTP:</translation>
    </message>
    <message>
        <source>Serve the control &amp;API under /__mocket/</source>
        <translation>Servir a &amp;API de controle em /__mocket/</translation>
    </message>
    <message>
        <source>Lets a test ask what its client sent, push frames, close connections and change the config over HTTP</source>
        <translation>Permite que um teste pergunte o que o cliente enviou, envie frames, feche conexões e mude a configuração por HTTP</translation>
    </message>
    <message>
        <source>none (loopback only)</source>
        <translation>nenhum (só loopback)</translation>
    </message>
    <message>
        <source>Every call must send Authorization: Bearer TOKEN; required when the server listens beyond 127.0.0.1</source>
        <translation>Toda chamada precisa enviar Authorization: Bearer TOKEN; obrigatório quando o servidor escuta fora de 127.0.0.1</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Gerar</translation>
    </message>
    <message>
        <source>A new random token</source>
        <translation>Um novo token aleatório</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desligada</translation>
    </message>
    <message>
        <source>%1
Authorization: Bearer %2</source>
        <translation>%1
Authorization: Bearer %2</translation>
    </message>
    <message>
        <source>Control &amp;token:</source>
        <translation>To&amp;ken de controle:</translation>
    </message>
    <message>
        <source>Control URL:</source>
        <translation>URL de controle:</translation>
    </message>
    <message>
        <source>TLS ce&amp;rtificate (PEM):</source>
        <translation>Ce&amp;rtificado TLS (PEM):</translation>
    </message>
    <message>
        <source>A client with more waiting for it (replies it does not read, delayed replies, messages not yet answered) is dropped</source>
        <translation>Um cliente com mais em espera (respostas que ele não lê, respostas atrasadas, mensagens ainda não respondidas) é derrubado</translation>
    </message>
    <message>
        <source>With more waiting for all clients together, the client holding the most is dropped</source>
        <translation>Com mais em espera para todos os clientes juntos, o cliente que mais retém é derrubado</translation>
    </message>
    <message>
        <source>&amp;Waiting per client:</source>
        <translation>&amp;Em espera por cliente:</translation>
    </message>
    <message>
        <source>Waiting in a&amp;ll:</source>
        <translation>Em espera no tota&amp;l:</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>Find: next / previous match</source>
        <translation>Localizar: ocorrência seguinte / anterior</translation>
    </message>
    <message>
        <source>Enter / Shift+Enter</source>
        <translation>Enter / Shift+Enter</translation>
    </message>
    <message>
        <source>Replace: this match / all matches</source>
        <translation>Substituir: esta ocorrência / todas</translation>
    </message>
    <message>
        <source>Enter / Ctrl+Enter</source>
        <translation>Enter / Ctrl+Enter</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>Fechar a barra de busca</translation>
    </message>
    <message>
        <source>Escape</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Tables: move between rows / leave the table</source>
        <translation>Tabelas: mover entre linhas / sair da tabela</translation>
    </message>
    <message>
        <source>Arrows / Tab</source>
        <translation>Setas / Tab</translation>
    </message>
</context>
<context>
    <name>SpecLoader</name>
    <message>
        <source>nothing</source>
        <translation>vazio</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>uma lista</translation>
    </message>
    <message>
        <source>a map</source>
        <translation>um mapa</translation>
    </message>
    <message>
        <source>YAML syntax error: end of stream reached without closing quote</source>
        <translation>erro de sintaxe YAML: fim do arquivo alcançado sem fechar as aspas</translation>
    </message>
    <message>
        <source>only the first YAML document is read; everything from here on is ignored</source>
        <translation>apenas o primeiro documento YAML é lido; tudo a partir daqui é ignorado</translation>
    </message>
    <message>
        <source>YAML syntax error: %1</source>
        <translation>erro de sintaxe YAML: %1</translation>
    </message>
    <message>
        <source>the file defines no endpoints</source>
        <translation>o arquivo não define nenhum endpoint</translation>
    </message>
    <message>
        <source>expected a list of endpoints (&quot;- websocket: ...&quot;), found %1</source>
        <translation>esperava-se uma lista de endpoints (&quot;- websocket: ...&quot;), mas o conteúdo é %1</translation>
    </message>
    <message>
        <source>the file defines no websocket endpoints</source>
        <translation>o arquivo não define nenhum endpoint websocket</translation>
    </message>
    <message>
        <source>cannot read the file: %1</source>
        <translation>não é possível ler o arquivo: %1</translation>
    </message>
    <message>
        <source>expected an endpoint (a map with &apos;websocket:&apos;), found %1</source>
        <translation>esperava-se um endpoint (um mapa com &apos;websocket:&apos;), mas o item é %1</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos; ignored</source>
        <translation>chave desconhecida &apos;%1&apos; ignorada</translation>
    </message>
    <message>
        <source>item has neither &apos;websocket&apos; nor &apos;endpoint&apos;</source>
        <translation>o item não tem &apos;websocket&apos; nem &apos;endpoint&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is empty</source>
        <translation>&apos;%1&apos; está vazio</translation>
    </message>
    <message>
        <source>&apos;{{%1}}&apos; is not a parameter of path &apos;%2&apos;; it renders empty</source>
        <translation>&apos;{{%1}}&apos; não é um parâmetro do caminho &apos;%2&apos;; será renderizado vazio</translation>
    </message>
    <message>
        <source>on-connect has no message; &apos;{{%1}}&apos; renders empty</source>
        <translation>on-connect não tem mensagem; &apos;{{%1}}&apos; será renderizado vazio</translation>
    </message>
    <message>
        <source>unknown template variable &apos;{{%1}}&apos;; it renders empty</source>
        <translation>variável de template desconhecida &apos;{{%1}}&apos;; será renderizada vazia</translation>
    </message>
    <message>
        <source>&apos;path&apos; must be text, found %1</source>
        <translation>&apos;path&apos; deve ser texto, mas o valor é %1</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos; in websocket ignored</source>
        <translation>chave desconhecida &apos;%1&apos; em websocket ignorada</translation>
    </message>
    <message>
        <source>websocket has no &apos;path&apos;</source>
        <translation>websocket não tem &apos;path&apos;</translation>
    </message>
    <message>
        <source>&apos;on-message&apos; must be a list of rules, found %1</source>
        <translation>&apos;on-message&apos; deve ser uma lista de regras, mas o valor é %1</translation>
    </message>
    <message>
        <source>a rule must be a map with &apos;pattern&apos; and &apos;response&apos;, found %1</source>
        <translation>uma regra deve ser um mapa com &apos;pattern&apos; e &apos;response&apos;, mas o valor é %1</translation>
    </message>
    <message>
        <source>pattern is not a valid regular expression (%1 at offset %2); it matches only the exact text</source>
        <translation>o padrão não é uma expressão regular válida (%1 na posição %2); ele corresponde apenas ao texto exato</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos; in rule ignored</source>
        <translation>chave desconhecida &apos;%1&apos; na regra ignorada</translation>
    </message>
    <message>
        <source>rule has no &apos;pattern&apos;</source>
        <translation>a regra não tem &apos;pattern&apos;</translation>
    </message>
    <message>
        <source>rule has no &apos;response&apos;</source>
        <translation>a regra não tem &apos;response&apos;</translation>
    </message>
    <message>
        <source>duplicate path &apos;%1&apos; (first defined at line %2)</source>
        <translation>caminho duplicado &apos;%1&apos; (definido primeiro na linha %2)</translation>
    </message>
    <message>
        <source>path &apos;%1&apos; conflicts with &apos;%2&apos; (line %3): both match the same URLs</source>
        <translation>o caminho &apos;%1&apos; conflita com &apos;%2&apos; (linha %3): ambos correspondem às mesmas URLs</translation>
    </message>
    <message>
        <source>cannot open the file: %1</source>
        <translation>não é possível abrir o arquivo: %1</translation>
    </message>
    <message>
        <source>the pattern has no named group for &apos;{{%1}}&apos;; it renders empty</source>
        <translation>o padrão não tem um grupo nomeado para &apos;{{%1}}&apos;; será renderizado vazio</translation>
    </message>
    <message>
        <source>&apos;delay&apos; must be a duration such as 250ms, 1.5s or 100ms..300ms (at most 1 hour)</source>
        <translation>&apos;delay&apos; deve ser uma duração como 250ms, 1.5s ou 100ms..300ms (no máximo 1 hora)</translation>
    </message>
    <message>
        <source>&apos;to&apos; must be sender, endpoint (every connection of this endpoint) or others</source>
        <translation>&apos;to&apos; deve ser sender, endpoint (todas as conexões deste endpoint) ou others</translation>
    </message>
    <message>
        <source>&apos;close&apos; must be true, a close code, or a map with &apos;code&apos; and &apos;reason&apos;</source>
        <translation>&apos;close&apos; deve ser true, um código de fechamento ou um mapa com &apos;code&apos; e &apos;reason&apos;</translation>
    </message>
    <message>
        <source>&apos;code&apos; must be a number</source>
        <translation>&apos;code&apos; deve ser um número</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos; in close ignored</source>
        <translation>chave desconhecida &apos;%1&apos; em close ignorada</translation>
    </message>
    <message>
        <source>close code %1 cannot be sent (use 1000-1003, 1007-1014 or 3000-4999)</source>
        <translation>o código de fechamento %1 não pode ser enviado (use 1000-1003, 1007-1014 ou 3000-4999)</translation>
    </message>
    <message>
        <source>a close reason holds at most 123 bytes</source>
        <translation>um motivo de fechamento comporta no máximo 123 bytes</translation>
    </message>
    <message>
        <source>&apos;frames&apos; must be a list of frames</source>
        <translation>&apos;frames&apos; deve ser uma lista de frames</translation>
    </message>
    <message>
        <source>&apos;binary&apos; must be base64 text</source>
        <translation>&apos;binary&apos; deve ser texto em base64</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos; in frame ignored</source>
        <translation>chave desconhecida &apos;%1&apos; no frame ignorada</translation>
    </message>
    <message>
        <source>a frame needs &apos;response&apos; or &apos;binary&apos;</source>
        <translation>um frame precisa de &apos;response&apos; ou &apos;binary&apos;</translation>
    </message>
    <message>
        <source>a frame is text or a map with &apos;response&apos; or &apos;binary&apos; and &apos;delay&apos;, found %1</source>
        <translation>um frame é texto ou um mapa com &apos;response&apos; ou &apos;binary&apos; e &apos;delay&apos;, mas o valor é %1</translation>
    </message>
    <message>
        <source>a subprotocol is a name such as chat.v1</source>
        <translation>um subprotocolo é um nome como chat.v1</translation>
    </message>
    <message>
        <source>&apos;subprotocols&apos; must be a list of names</source>
        <translation>&apos;subprotocols&apos; deve ser uma lista de nomes</translation>
    </message>
    <message>
        <source>&apos;binary&apos; must be any, or a map with hex-prefix or base64-prefix</source>
        <translation>&apos;binary&apos; deve ser any ou um mapa com hex-prefix ou base64-prefix</translation>
    </message>
    <message>
        <source>rule has both &apos;response&apos; and &apos;frames&apos;; use one</source>
        <translation>a regra tem &apos;response&apos; e &apos;frames&apos; ao mesmo tempo; use apenas um</translation>
    </message>
    <message>
        <source>&apos;streams&apos; must be a list of streams</source>
        <translation>&apos;streams&apos; deve ser uma lista de streams</translation>
    </message>
    <message>
        <source>a stream is a map with &apos;every&apos; and &apos;frames&apos;</source>
        <translation>um stream é um mapa com &apos;every&apos; e &apos;frames&apos;</translation>
    </message>
    <message>
        <source>&apos;every&apos; must be an interval such as 500ms or 2s</source>
        <translation>&apos;every&apos; deve ser um intervalo como 500ms ou 2s</translation>
    </message>
    <message>
        <source>&apos;every&apos; must be at least %1ms, so a stream cannot flood</source>
        <translation>&apos;every&apos; deve ser de pelo menos %1ms, para que um stream não sobrecarregue as conexões</translation>
    </message>
    <message>
        <source>a stream&apos;s &apos;to&apos; must be each (every connection on its own) or all (one broadcast)</source>
        <translation>o &apos;to&apos; de um stream deve ser each (cada conexão separadamente) ou all (um único envio a todas)</translation>
    </message>
    <message>
        <source>a stream&apos;s &apos;mode&apos; must be cycle or once</source>
        <translation>o &apos;mode&apos; de um stream deve ser cycle ou once</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos; in stream ignored</source>
        <translation>chave desconhecida &apos;%1&apos; no stream ignorada</translation>
    </message>
    <message>
        <source>stream has no &apos;every&apos;</source>
        <translation>o stream não tem &apos;every&apos;</translation>
    </message>
    <message>
        <source>stream has no &apos;frames&apos;</source>
        <translation>o stream não tem &apos;frames&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is too large or too deep (over %2 values or 200 levels; an alias inside itself?)</source>
        <translation>&apos;%1&apos; é grande ou profundo demais (mais de %2 valores ou 200 níveis; um alias dentro de si mesmo?)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a map, found %2</source>
        <translation>&apos;%1&apos; deve ser um mapa, mas o valor é %2</translation>
    </message>
    <message>
        <source>endpoint has no &apos;path&apos;</source>
        <translation>o endpoint não tem &apos;path&apos;</translation>
    </message>
    <message>
        <source>&apos;rate-limit&apos; has no &apos;max-requests&apos;</source>
        <translation>&apos;rate-limit&apos; não tem &apos;max-requests&apos;</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos; in %2 ignored</source>
        <translation>chave desconhecida &apos;%1&apos; em %2 ignorada</translation>
    </message>
    <message>
        <source>header &apos;%1&apos; must be text, found %2</source>
        <translation>o cabeçalho &apos;%1&apos; deve ser texto, mas o valor é %2</translation>
    </message>
    <message>
        <source>&apos;external-body&apos; has no &apos;path&apos;</source>
        <translation>&apos;external-body&apos; não tem &apos;path&apos;</translation>
    </message>
    <message>
        <source>external-body provider &apos;xlsx&apos; is not supported; this endpoint answers 501</source>
        <translation>o provedor &apos;xlsx&apos; de external-body não é suportado; este endpoint responde 501</translation>
    </message>
    <message>
        <source>&apos;provider&apos; must be json or xlsx, found &apos;%1&apos;</source>
        <translation>&apos;provider&apos; deve ser json ou xlsx, mas o valor é &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;response&apos; has both &apos;body&apos; and &apos;external-body&apos;; use one</source>
        <translation>&apos;response&apos; tem &apos;body&apos; e &apos;external-body&apos;; use só um</translation>
    </message>
    <message>
        <source>&apos;webhook&apos; has no &apos;url&apos;</source>
        <translation>&apos;webhook&apos; não tem &apos;url&apos;</translation>
    </message>
    <message>
        <source>&apos;push&apos; must be a list of pushes, found %1</source>
        <translation>&apos;push&apos; deve ser uma lista de envios, mas o valor é %1</translation>
    </message>
    <message>
        <source>a push is a map with &apos;path&apos; and &apos;message&apos;, found %1</source>
        <translation>um envio é um mapa com &apos;path&apos; e &apos;message&apos;, mas o valor é %1</translation>
    </message>
    <message>
        <source>a push needs &apos;path&apos; and &apos;message&apos;</source>
        <translation>um envio precisa de &apos;path&apos; e &apos;message&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is shadowed by &apos;%2&apos; (line %3), which answers the same requests; it is never used</source>
        <translation>&apos;%1&apos; é encoberto por &apos;%2&apos; (linha %3), que responde às mesmas requisições; nunca é usado</translation>
    </message>
    <message>
        <source>&apos;method&apos; must be an HTTP method such as GET or POST, found &apos;%1&apos;</source>
        <translation>&apos;method&apos; deve ser um método HTTP como GET ou POST, mas o valor é &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;host&apos; must be a host name such as api.example.test, found &apos;%1&apos;</source>
        <translation>&apos;host&apos; deve ser um nome de host como api.example.test, mas o valor é &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;status&apos; must be an HTTP status code from 100 to 599, found &apos;%1&apos;</source>
        <translation>&apos;status&apos; deve ser um código de status HTTP de 100 a 599, mas o valor é &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a header name (letters, digits and -, such as X-Request-Id)</source>
        <translation>&apos;%1&apos; não é um nome de cabeçalho (letras, dígitos e -, como X-Request-Id)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a whole number above 0, found &apos;%2&apos;</source>
        <translation>&apos;%1&apos; deve ser um número inteiro maior que 0, mas o valor é &apos;%2&apos;</translation>
    </message>
    <message>
        <source>&apos;sleep-time&apos; must be a number of seconds such as 2 or 0.5 (at most 1 hour), found &apos;%1&apos;</source>
        <translation>&apos;sleep-time&apos; deve ser um número de segundos como 2 ou 0.5 (no máximo 1 hora), mas o valor é &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;if&apos; must be VALUE OP LITERAL such as json-params.name = &quot;bob&quot; (OP: = &gt; &lt; &gt;= &lt;=; LITERAL: a number or a quoted string), found &apos;%1&apos;</source>
        <translation>&apos;if&apos; deve ser VALOR OP LITERAL como json-params.name = &quot;bob&quot; (OP: = &gt; &lt; &gt;= &lt;=; LITERAL: um número ou um texto entre aspas), mas o valor é &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;if&apos; compares &apos;%1&apos;, which is no value of the request (use path-params, query-params, json-params or header-params)</source>
        <translation>&apos;if&apos; compara &apos;%1&apos;, que não é um valor da requisição (use path-params, query-params, json-params ou header-params)</translation>
    </message>
    <message>
        <source>the aliases repeat more than %L1 bytes in all (%2 MiB plus %3 times the file&apos;s size); this one goes over</source>
        <translation>os aliases repetem mais de %L1 bytes no total (%2 MiB mais %3 vezes o tamanho do arquivo); este ultrapassa o limite</translation>
    </message>
    <message>
        <source>&apos;{{%1}}&apos; goes into the JSON without quotes: a client can add keys of its own through it; write &apos;{{%1 | json}}&apos; to insert one JSON value</source>
        <translation>&apos;{{%1}}&apos; entra no JSON sem aspas: um cliente pode acrescentar chaves próprias por ele; escreva &apos;{{%1 | json}}&apos; para inserir um único valor JSON</translation>
    </message>
    <message>
        <source>pattern is prone to catastrophic backtracking: the group at offset %1 is repeated and holds a repetition of its own or alternatives that match alike (as (a+)+ and (a|a)* do), so a message that almost matches can take seconds; repeat one thing once (a+ instead of (a+)+)</source>
        <translation>o padrão é propenso a retrocesso catastrófico: o grupo na posição %1 é repetido e contém uma repetição própria ou alternativas que casam igual (como (a+)+ e (a|a)*), então uma mensagem que quase casa pode levar segundos; repita uma coisa só uma vez (a+ em vez de (a+)+)</translation>
    </message>
    <message>
        <source>; did you mean &apos;%1&apos;?</source>
        <translation>; você quis dizer &apos;%1&apos;?</translation>
    </message>
    <message>
        <source>&apos;%1&apos; never matches: &apos;%2&apos; (line %3) matches every message it does, first</source>
        <translation>&apos;%1&apos; nunca corresponde: &apos;%2&apos; (linha %3) corresponde antes a toda mensagem a que ela corresponderia</translation>
    </message>
    <message>
        <source>&apos;when-state&apos; must be a state name or a list of them</source>
        <translation>&apos;when-state&apos; deve ser um nome de estado ou uma lista deles</translation>
    </message>
    <message>
        <source>&apos;when-shared&apos; must be a map of shared names and the values they must have</source>
        <translation>&apos;when-shared&apos; deve ser um mapa de nomes compartilhados e dos valores que eles devem ter</translation>
    </message>
    <message>
        <source>a shared value to compare is text</source>
        <translation>um valor compartilhado a comparar é texto</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a map of names and their values (templates)</source>
        <translation>&apos;%1&apos; deve ser um mapa de nomes e seus valores (templates)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; sets %2 values; at most %3 are kept per connection</source>
        <translation>&apos;%1&apos; define %2 valores; no máximo %3 são guardados por conexão</translation>
    </message>
    <message>
        <source>&apos;sequence&apos; must be a map with &apos;replies&apos;</source>
        <translation>&apos;sequence&apos; deve ser um mapa com &apos;replies&apos;</translation>
    </message>
    <message>
        <source>&apos;sequence&apos; needs &apos;replies&apos;: a list of replies</source>
        <translation>&apos;sequence&apos; precisa de &apos;replies&apos;: uma lista de respostas</translation>
    </message>
    <message>
        <source>a sequence&apos;s &apos;mode&apos; must be stick or cycle</source>
        <translation>o &apos;mode&apos; de uma sequência deve ser stick ou cycle</translation>
    </message>
    <message>
        <source>a sequence&apos;s &apos;per&apos; must be connection or endpoint</source>
        <translation>o &apos;per&apos; de uma sequência deve ser connection ou endpoint</translation>
    </message>
    <message>
        <source>&apos;replies&apos; must be a list of replies</source>
        <translation>&apos;replies&apos; deve ser uma lista de respostas</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos; in sequence ignored</source>
        <translation>chave desconhecida &apos;%1&apos; na sequência ignorada</translation>
    </message>
    <message>
        <source>a reply of a sequence is a map with &apos;response&apos; or &apos;frames&apos;</source>
        <translation>uma resposta de uma sequência é um mapa com &apos;response&apos; ou &apos;frames&apos;</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos; in sequence reply ignored</source>
        <translation>chave desconhecida &apos;%1&apos; na resposta da sequência ignorada</translation>
    </message>
    <message>
        <source>a reply of a sequence needs one of &apos;response&apos; or &apos;frames&apos;</source>
        <translation>uma resposta de uma sequência precisa de um entre &apos;response&apos; e &apos;frames&apos;</translation>
    </message>
    <message>
        <source>&apos;start-stream&apos; must be a map with &apos;key&apos;, &apos;every&apos; and &apos;frames&apos;</source>
        <translation>&apos;start-stream&apos; deve ser um mapa com &apos;key&apos;, &apos;every&apos; e &apos;frames&apos;</translation>
    </message>
    <message>
        <source>&apos;start-stream&apos; has no &apos;%1&apos;</source>
        <translation>&apos;start-stream&apos; não tem &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos; in start-stream ignored</source>
        <translation>chave desconhecida &apos;%1&apos; no start-stream ignorada</translation>
    </message>
    <message>
        <source>rule has a &apos;sequence&apos; and its own &apos;response&apos; or &apos;frames&apos;; the sequence&apos;s replies answer</source>
        <translation>a regra tem uma &apos;sequence&apos; e sua própria &apos;response&apos; ou &apos;frames&apos;; quem responde são as respostas da sequência</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a name: use letters, digits, &apos;_&apos; or &apos;-&apos;</source>
        <translation>&apos;%1&apos; não é um nome: use letras, dígitos, &apos;_&apos; ou &apos;-&apos;</translation>
    </message>
    <message>
        <source>&apos;count&apos; must be a whole number of frames, 1 or more</source>
        <translation>&apos;count&apos; deve ser um número inteiro de frames, 1 ou mais</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a map with &apos;response&apos;, found %2</source>
        <translation>&apos;%1&apos; deve ser um mapa com &apos;response&apos;, mas o valor é %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has both &apos;response&apos; and &apos;frames&apos;; use one</source>
        <translation>&apos;%1&apos; tem &apos;response&apos; e &apos;frames&apos; ao mesmo tempo; use apenas um</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no &apos;response&apos;</source>
        <translation>&apos;%1&apos; não tem &apos;response&apos;</translation>
    </message>
    <message>
        <source>&apos;enabled&apos; must be true or false</source>
        <translation>&apos;enabled&apos; deve ser true ou false</translation>
    </message>
    <message>
        <source>unknown protocol &apos;%1&apos; (known: %2)</source>
        <translation>protocolo desconhecido &apos;%1&apos; (conhecidos: %2)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a key of protocol %2; this endpoint has no &apos;protocol: %2&apos;</source>
        <translation>&apos;%1&apos; é uma chave do protocolo %2; este endpoint não tem &apos;protocol: %2&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a key of protocol %2; this endpoint speaks %3</source>
        <translation>&apos;%1&apos; é uma chave do protocolo %2; este endpoint fala %3</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be text</source>
        <translation>&apos;%1&apos; deve ser texto</translation>
    </message>
    <message>
        <source>rule has both &apos;%1&apos; and &apos;%2&apos;; use one</source>
        <translation>a regra tem &apos;%1&apos; e &apos;%2&apos;; use um só</translation>
    </message>
    <message>
        <source>&apos;%1&apos; belongs in a rule</source>
        <translation>&apos;%1&apos; só cabe numa regra</translation>
    </message>
    <message>
        <source>rule has both &apos;%1&apos; and &apos;response&apos;; use one</source>
        <translation>a regra tem &apos;%1&apos; e &apos;response&apos;; use um só</translation>
    </message>
    <message>
        <source>&apos;proxy-insecure&apos; must be true or false</source>
        <translation>&apos;proxy-insecure&apos; deve ser true ou false</translation>
    </message>
    <message>
        <source>&apos;proxy-insecure&apos; without &apos;proxy&apos; does nothing</source>
        <translation>&apos;proxy-insecure&apos; sem &apos;proxy&apos; não tem efeito</translation>
    </message>
    <message>
        <source>&apos;on-unmatched&apos; is never used: with &apos;proxy&apos;, what no rule answers goes to the upstream</source>
        <translation>&apos;on-unmatched&apos; nunca é usado: com &apos;proxy&apos;, o que nenhuma regra responde vai para o servidor real</translation>
    </message>
    <message>
        <source>&apos;proxy&apos; must be a ws:// or wss:// URL such as wss://api.example.test/ws, found &apos;%1&apos;</source>
        <translation>&apos;proxy&apos; deve ser uma URL ws:// ou wss:// como wss://api.example.test/ws, mas o valor é &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>SpecOutline</name>
    <message>
        <source>YAML syntax error: %1</source>
        <translation>erro de sintaxe YAML: %1</translation>
    </message>
    <message>
        <source>cannot read the file: %1</source>
        <translation>não é possível ler o arquivo: %1</translation>
    </message>
</context>
<context>
    <name>StreamsEditor</name>
    <message>
        <source>Streams</source>
        <translation>Streams</translation>
    </message>
    <message>
        <source>Add stream</source>
        <translation>Adicionar stream</translation>
    </message>
    <message>
        <source>Remove stream</source>
        <translation>Remover stream</translation>
    </message>
    <message>
        <source>e.g. 500ms, 2s</source>
        <translation>ex.: 500ms, 2s</translation>
    </message>
    <message>
        <source>Each connection on its own</source>
        <translation>Cada conexão por si</translation>
    </message>
    <message>
        <source>All connections at once</source>
        <translation>Todas as conexões de uma vez</translation>
    </message>
    <message>
        <source>Cycle through the frames</source>
        <translation>Repetir os frames em ciclo</translation>
    </message>
    <message>
        <source>Once, then stop</source>
        <translation>Uma vez, depois parar</translation>
    </message>
    <message>
        <source>One frame per line</source>
        <translation>Um frame por linha</translation>
    </message>
    <message>
        <source>These frames have delays or binary data; edit them in the YAML</source>
        <translation>Estes frames têm atrasos ou dados binários; edite-os no YAML</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>&amp;Modo:</translation>
    </message>
    <message numerus="yes">
        <source>every %1 · %2 · %3 · %n frame(s)</source>
        <translation>
            <numerusform>a cada %1 · %2 · %3 · %n frame</numerusform>
            <numerusform>a cada %1 · %2 · %3 · %n frames</numerusform>
        </translation>
    </message>
    <message>
        <source>all</source>
        <translation>todas</translation>
    </message>
    <message>
        <source>each</source>
        <translation>cada</translation>
    </message>
    <message>
        <source>once</source>
        <translation>uma vez</translation>
    </message>
    <message>
        <source>cycle</source>
        <translation>ciclo</translation>
    </message>
    <message>
        <source>Stream %1: %2</source>
        <translation>Stream %1: %2</translation>
    </message>
    <message>
        <source>None: this endpoint sends frames only in reply. Add one to send frames on a timer.</source>
        <translation>Nenhum: este endpoint só envia frames em resposta. Adicione um para enviar frames periodicamente.</translation>
    </message>
    <message>
        <source>These streams have keys the form cannot show; edit them in the YAML</source>
        <translation>Estes streams têm chaves que o formulário não mostra; edite-os no YAML</translation>
    </message>
    <message>
        <source>Ever&amp;y:</source>
        <translation>&amp;Intervalo:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Para:</translation>
    </message>
    <message>
        <source>F&amp;rames:</source>
        <translation>F&amp;rames:</translation>
    </message>
    <message>
        <source>every — the time between two frames</source>
        <translation>every — o tempo entre dois frames</translation>
    </message>
    <message>
        <source>to — each: one stream per connection with its own {{counter}}; all: one broadcast with a shared counter</source>
        <translation>to — cada: um stream por conexão com o próprio {{counter}}; todas: um broadcast com um contador compartilhado</translation>
    </message>
    <message>
        <source>once — stop after the last frame instead of cycling</source>
        <translation>once — para depois do último frame em vez de repetir em ciclo</translation>
    </message>
    <message>
        <source>frames — one per line; {{counter}} counts the ticks, {{ or Ctrl+Space offers more</source>
        <translation>frames — um por linha; {{counter}} conta os tiques, {{ ou Ctrl+Espaço oferece mais</translation>
    </message>
</context>
<context>
    <name>Template</name>
    <message>
        <source>unterminated quote in &apos;{{%1}}&apos;</source>
        <translation>aspas não fechadas em &apos;{{%1}}&apos;</translation>
    </message>
    <message>
        <source>%1 in &apos;{{%2}}&apos;</source>
        <translation>%1 em &apos;{{%2}}&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; takes no arguments</source>
        <translation>&apos;%1&apos; não aceita argumentos</translation>
    </message>
    <message>
        <source>now takes one format</source>
        <translation>now aceita um único formato</translation>
    </message>
    <message>
        <source>now has an empty format</source>
        <translation>now tem um formato vazio</translation>
    </message>
    <message>
        <source>unknown connection value &apos;%1&apos; (there are connection.id and connection.messages)</source>
        <translation>valor de conexão desconhecido &apos;%1&apos; (existem connection.id e connection.messages)</translation>
    </message>
    <message>
        <source>random needs two integers, lowest and highest</source>
        <translation>random precisa de dois inteiros, o menor e o maior</translation>
    </message>
    <message>
        <source>random&apos;s lowest value %1 is above its highest %2</source>
        <translation>o menor valor de random, %1, é maior que o maior, %2</translation>
    </message>
    <message>
        <source>empty filter after &apos;|&apos;</source>
        <translation>filtro vazio depois de &apos;|&apos;</translation>
    </message>
    <message>
        <source>filter &apos;default&apos; needs one value (quote it if it has spaces)</source>
        <translation>o filtro &apos;default&apos; precisa de um valor (coloque-o entre aspas se tiver espaços)</translation>
    </message>
    <message>
        <source>unknown filter &apos;%1&apos; (there are default, upper, lower and json)</source>
        <translation>filtro desconhecido &apos;%1&apos; (existem default, upper, lower e json)</translation>
    </message>
    <message>
        <source>filter &apos;%1&apos; takes no arguments</source>
        <translation>o filtro &apos;%1&apos; não aceita argumentos</translation>
    </message>
    <message>
        <source>nothing before &apos;|&apos;</source>
        <translation>nada antes de &apos;|&apos;</translation>
    </message>
</context>
<context>
    <name>TrafficEvent</name>
    <message numerus="yes">
        <source>… (%n bytes)</source>
        <translation>
            <numerusform>… (%n byte)</numerusform>
            <numerusform>… (%n bytes)</numerusform>
        </translation>
    </message>
    <message>
        <source>open %1 from %2</source>
        <translation>aberta %1 de %2</translation>
    </message>
    <message>
        <source>&lt;- %1   [%2]</source>
        <translation>&lt;- %1   [%2]</translation>
    </message>
    <message>
        <source>&lt;- %1   [unmatched, no reply]</source>
        <translation>&lt;- %1   [sem correspondência, sem resposta]</translation>
    </message>
    <message>
        <source>-&gt; %1   [%2]</source>
        <translation>-&gt; %1   [%2]</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>aviso: %1</translation>
    </message>
    <message>
        <source>closed %1</source>
        <translation>fechada %1</translation>
    </message>
    <message>
        <source>closed %1 %2</source>
        <translation>fechada %1 %2</translation>
    </message>
    <message>
        <source>refused %1</source>
        <translation>recusada %1</translation>
    </message>
    <message>
        <source>refused %1 from %2</source>
        <translation>recusada %1 de %2</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>erro: %1</translation>
    </message>
    <message>
        <source>http %1 %2 -&gt; %3 · %4 B in · %5 B out · %6 ms%7</source>
        <translation>http %1 %2 -&gt; %3 · %4 B recebidos · %5 B enviados · %6 ms%7</translation>
    </message>
    <message>
        <source>note: %1   [%2]</source>
        <translation>nota: %1   [%2]</translation>
    </message>
    <message>
        <source>&lt;- %1   [unmatched, answered by %2]</source>
        <translation>&lt;- %1   [sem correspondência, respondida por %2]</translation>
    </message>
    <message numerus="yes">
        <source>&lt;- binary message, %n bytes   [unmatched]</source>
        <translation>
            <numerusform>&lt;- mensagem binária, %n byte   [sem correspondência]</numerusform>
            <numerusform>&lt;- mensagem binária, %n bytes   [sem correspondência]</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;- binary message, %n bytes   [%1]</source>
        <translation>
            <numerusform>&lt;- mensagem binária, %n byte   [%1]</numerusform>
            <numerusform>&lt;- mensagem binária, %n bytes   [%1]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrafficPanel</name>
    <message>
        <source>Show all</source>
        <translation>Mostrar todas</translation>
    </message>
    <message>
        <source>Forget closed</source>
        <translation>Esquecer fechadas</translation>
    </message>
    <message>
        <source>&lt;b&gt;Connections&lt;/b&gt;</source>
        <translation>&lt;b&gt;Conexões&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Filter messages</source>
        <translation>Filtrar mensagens</translation>
    </message>
    <message>
        <source>Follow newest</source>
        <translation>Seguir as novas</translation>
    </message>
    <message>
        <source>keep </source>
        <translation>manter </translation>
    </message>
    <message>
        <source> messages</source>
        <translation> mensagens</translation>
    </message>
    <message>
        <source>Older messages are dropped beyond this many, so memory stays bounded</source>
        <translation>Acima desse limite, as mensagens mais antigas são descartadas, para manter o uso de memória limitado</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Limpar</translation>
    </message>
    <message>
        <source>&lt;b&gt;Messages&lt;/b&gt;</source>
        <translation>&lt;b&gt;Mensagens&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Select a message to see it in full</source>
        <translation>Selecione uma mensagem para vê-la por inteiro</translation>
    </message>
    <message>
        <source>&amp;Broadcast</source>
        <translation>Enviar a t&amp;odos</translation>
    </message>
    <message>
        <source>Send to every open connection of the selected connection&apos;s endpoint</source>
        <translation>Enviar para todas as conexões abertas do endpoint da conexão selecionada</translation>
    </message>
    <message>
        <source>Close code (1000 normal, 1001 going away, 1008 policy, 4000-4999 yours)</source>
        <translation>Código de fechamento (1000 normal, 1001 saindo, 1008 política, 4000-4999 de uso próprio)</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>motivo</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>&amp;Fechar</translation>
    </message>
    <message>
        <source>Close the selected connection with this code and reason</source>
        <translation>Fechar a conexão selecionada com este código e motivo</translation>
    </message>
    <message>
        <source>%1 · connection %2 · %3</source>
        <translation>%1 · conexão %2 · %3</translation>
    </message>
    <message>
        <source> · rule %1</source>
        <translation> · regra %1</translation>
    </message>
    <message>
        <source>Select a connection to push messages to it.</source>
        <translation>Selecione uma conexão para enviar mensagens a ela.</translation>
    </message>
    <message>
        <source>This connection is closed.</source>
        <translation>Esta conexão está fechada.</translation>
    </message>
    <message>
        <source>%L1 older messages dropped</source>
        <translation>%L1 mensagens mais antigas descartadas</translation>
    </message>
    <message>
        <source>Not sent: select an open connection first.</source>
        <translation>Não enviado: selecione primeiro uma conexão aberta.</translation>
    </message>
    <message>
        <source>Sent to connection #%1.</source>
        <translation>Enviado para a conexão #%1.</translation>
    </message>
    <message>
        <source>Not sent: select an open connection to choose its endpoint.</source>
        <translation>Não enviado: selecione uma conexão aberta para escolher o endpoint dela.</translation>
    </message>
    <message numerus="yes">
        <source>Broadcast to %n connection(s) of %1.</source>
        <translation>
            <numerusform>Enviado a %n conexão de %1.</numerusform>
            <numerusform>Enviado a %n conexões de %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing closed: select an open connection first.</source>
        <translation>Nada foi fechado: selecione primeiro uma conexão aberta.</translation>
    </message>
    <message>
        <source>Closing connection #%1 with %2.</source>
        <translation>Fechando a conexão #%1 com %2.</translation>
    </message>
    <message>
        <source>out</source>
        <translation>enviada</translation>
    </message>
    <message>
        <source>Exactly as on the wire:</source>
        <translation>Exatamente como trafegou:</translation>
    </message>
    <message>
        <source>Show the messages of every connection, and the HTTP requests</source>
        <translation>Mostrar as mensagens de todas as conexões e as requisições HTTP</translation>
    </message>
    <message>
        <source>%1 · HTTP · endpoint %2</source>
        <translation>%1 · HTTP · endpoint %2</translation>
    </message>
    <message>
        <source>Not saved: %1: %2</source>
        <translation>Não salvo: %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n message(s) to %1.</source>
        <translation>
            <numerusform>%n mensagem salva em %1.</numerusform>
            <numerusform>%n mensagens salvas em %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the traffic</source>
        <translation>Salvar o tráfego</translation>
    </message>
    <message>
        <source>Open saved traffic</source>
        <translation>Abrir tráfego salvo</translation>
    </message>
    <message>
        <source>Cannot read %1</source>
        <translation>Não foi possível ler %1</translation>
    </message>
    <message>
        <source>%1 (saved traffic, read-only)</source>
        <translation>%1 (tráfego salvo, somente leitura)</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) from %1.</source>
        <translation>
            <numerusform>%n evento de %1.</numerusform>
            <numerusform>%n eventos de %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) skipped, the first: %1</source>
        <translation>
            <numerusform>%n linha ignorada: %1</numerusform>
            <numerusform>%n linhas ignoradas, a primeira: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Se&amp;nd</source>
        <translation>E&amp;nviar</translation>
    </message>
    <message>
        <source>Broadcast to no connection of %1.</source>
        <translation>Enviado a nenhuma conexão de %1.</translation>
    </message>
    <message>
        <source>Message to push from the server (Ctrl+Enter sends; Enter starts a new line)</source>
        <translation>Mensagem a enviar a partir do servidor (Ctrl+Enter envia; Enter começa uma nova linha)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Binary, hex</source>
        <translation>Binário, hex</translation>
    </message>
    <message>
        <source>Binary, base64</source>
        <translation>Binário, base64</translation>
    </message>
    <message>
        <source>Send a text frame, or a binary frame written in hex (&quot;01 ff&quot;) or base64</source>
        <translation>Enviar um quadro de texto, ou um quadro binário escrito em hex (&quot;01 ff&quot;) ou base64</translation>
    </message>
    <message>
        <source>Send to the selected connection (Ctrl+Enter)</source>
        <translation>Enviar para a conexão selecionada (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>In</source>
        <translation>Recebidas</translation>
    </message>
    <message>
        <source>Show what clients sent (with the other chosen sorts)</source>
        <translation>Mostrar o que os clientes enviaram (com os outros tipos escolhidos)</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>Enviadas</translation>
    </message>
    <message>
        <source>Show what the server sent (with the other chosen sorts)</source>
        <translation>Mostrar o que o servidor enviou (com os outros tipos escolhidos)</translation>
    </message>
    <message>
        <source>Unmatched</source>
        <translation>Sem correspondência</translation>
    </message>
    <message>
        <source>Show messages no rule matched (with the other chosen sorts)</source>
        <translation>Mostrar as mensagens sem regra correspondente (com os outros tipos escolhidos)</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Recusadas</translation>
    </message>
    <message>
        <source>Show refused handshakes (with the other chosen sorts)</source>
        <translation>Mostrar os handshakes recusados (com os outros tipos escolhidos)</translation>
    </message>
    <message>
        <source> · rule %1 (%2)</source>
        <translation> · regra %1 (%2)</translation>
    </message>
    <message>
        <source>Not sent: write the bytes as pairs of hex digits, e.g. 01 ff.</source>
        <translation>Não enviada: escreva os bytes como pares de dígitos hex, por exemplo 01 ff.</translation>
    </message>
    <message>
        <source>Not sent: this is not base64.</source>
        <translation>Não enviada: isto não é base64.</translation>
    </message>
    <message>
        <source> · answered by %1</source>
        <translation> · respondida por %1</translation>
    </message>
    <message>
        <source>Decoded: %1</source>
        <translation>Decodificado: %1</translation>
    </message>
    <message>
        <source>Save traffic…</source>
        <translation>Salvar tráfego…</translation>
    </message>
    <message>
        <source>Save every message of this log as JSON lines (the format of mocket-cli --log), or as a HAR file</source>
        <translation>Salvar todas as mensagens deste log como linhas JSON (o formato do mocket-cli --log) ou como um arquivo HAR</translation>
    </message>
    <message>
        <source>Open traffic…</source>
        <translation>Abrir tráfego…</translation>
    </message>
    <message>
        <source>Open saved traffic, the --log file of a CI run or a browser&apos;s HAR file, read-only in its own window</source>
        <translation>Abrir tráfego salvo, o arquivo --log de uma execução de CI ou o arquivo HAR de um navegador, somente leitura, numa janela própria</translation>
    </message>
    <message>
        <source>Create mocks</source>
        <translation>Criar mocks</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl);;HAR files (*.har);;All files (*)</source>
        <translation>Linhas JSON (*.jsonl);;Arquivos HAR (*.har);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Traffic (*.jsonl *.har);;All files (*)</source>
        <translation>Tráfego (*.jsonl *.har);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Copy &amp;payload</source>
        <translation>Copiar o &amp;conteúdo</translation>
    </message>
    <message>
        <source>Copy the message as it was sent (a binary frame in base64, as a rule writes it)</source>
        <translation>Copiar a mensagem como foi enviada (um frame binário em base64, como uma regra o escreve)</translation>
    </message>
    <message>
        <source>Copy as &amp;JSON</source>
        <translation>Copiar como &amp;JSON</translation>
    </message>
    <message>
        <source>Copy the event as one line of a saved session (the --log format)</source>
        <translation>Copiar o evento como uma linha de uma sessão salva (o formato do --log)</translation>
    </message>
    <message>
        <source>Create &amp;rule from this message</source>
        <translation>Criar &amp;regra a partir desta mensagem</translation>
    </message>
    <message>
        <source>Add a rule to the connection&apos;s endpoint that answers this message with the frames that answered it</source>
        <translation>Adicionar ao endpoint da conexão uma regra que responde a esta mensagem com os frames que a responderam</translation>
    </message>
    <message>
        <source>Create &amp;mocks from this traffic</source>
        <translation>Criar &amp;mocks a partir deste tráfego</translation>
    </message>
    <message>
        <source>Copied the event as JSON.</source>
        <translation>Evento copiado como JSON.</translation>
    </message>
    <message>
        <source>Copied the payload.</source>
        <translation>Conteúdo copiado.</translation>
    </message>
    <message>
        <source>These connections are closed.</source>
        <translation>Estas conexões estão fechadas.</translation>
    </message>
    <message numerus="yes">
        <source>Sent to %n connection(s).</source>
        <translation>
            <numerusform>Enviado para %n conexão.</numerusform>
            <numerusform>Enviado para %n conexões.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Closing %n connection(s) with %1.</source>
        <translation>
            <numerusform>Fechando %n conexão com %1.</numerusform>
            <numerusform>Fechando %n conexões com %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open a mock file made of the selected connections&apos; traffic (of every connection when none is selected) in the editor</source>
        <translation>Abrir no editor um arquivo de mocks feito do tráfego das conexões selecionadas (de todas as conexões quando nenhuma está selecionada)</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n byte(s) to connection #%1.</source>
        <translation>
            <numerusform>%n byte enviado para a conexão #%1.</numerusform>
            <numerusform>%n bytes enviados para a conexão #%1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %n byte(s) to each of %1 connections.</source>
        <translation>
            <numerusform>%n byte enviado para cada uma das %1 conexões.</numerusform>
            <numerusform>%n bytes enviados para cada uma das %1 conexões.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TryItPanel</name>
    <message>
        <source>/ws/echo?name=value</source>
        <translation>/ws/echo?nome=valor</translation>
    </message>
    <message>
        <source>A message a client would send, e.g. ping</source>
        <translation>Uma mensagem que um cliente enviaria, por exemplo: ping</translation>
    </message>
    <message>
        <source>Greeting:</source>
        <translation>Saudação:</translation>
    </message>
    <message>
        <source>Reply:</source>
        <translation>Resposta:</translation>
    </message>
    <message>
        <source>Fix the config&apos;s errors to try messages.</source>
        <translation>Corrija os erros da configuração para experimentar mensagens.</translation>
    </message>
    <message>
        <source>No endpoint serves %1: a client would get HTTP 404.</source>
        <translation>Nenhum endpoint serve %1: um cliente receberia HTTP 404.</translation>
    </message>
    <message>
        <source>(no greeting)</source>
        <translation>(sem saudação)</translation>
    </message>
    <message>
        <source>Endpoint %1. Type a message to see which rule answers.</source>
        <translation>Endpoint %1. Digite uma mensagem para ver qual regra responde.</translation>
    </message>
    <message>
        <source>Endpoint %1: no rule matches, so no reply is sent.</source>
        <translation>Endpoint %1: nenhuma regra corresponde, então nenhuma resposta é enviada.</translation>
    </message>
    <message>
        <source>Endpoint %1: %2 matches (%3 pattern).</source>
        <translation>Endpoint %1: %2 corresponde (padrão do tipo %3).</translation>
    </message>
    <message>
        <source>Rendered empty: %1.</source>
        <translation>Renderizado como vazio: %1.</translation>
    </message>
    <message>
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>The request&apos;s method</source>
        <translation>O método da requisição</translation>
    </message>
    <message>
        <source>/path?name=value</source>
        <translation>/caminho?nome=valor</translation>
    </message>
    <message>
        <source>One per line, e.g. Accept: application/json</source>
        <translation>Um por linha, por exemplo: Accept: application/json</translation>
    </message>
    <message>
        <source>The request body, e.g. {&quot;name&quot;: &quot;ana&quot;}</source>
        <translation>O corpo da requisição, por exemplo: {&quot;name&quot;: &quot;ana&quot;}</translation>
    </message>
    <message>
        <source>No push to WebSocket clients, no webhook.</source>
        <translation>Nenhum envio a clientes WebSocket, nenhum webhook.</translation>
    </message>
    <message>
        <source>Re&amp;quest:</source>
        <translation>Re&amp;quisição:</translation>
    </message>
    <message>
        <source>Response:</source>
        <translation>Resposta:</translation>
    </message>
    <message>
        <source>Also sets off:</source>
        <translation>Também dispara:</translation>
    </message>
    <message>
        <source>Fix the config&apos;s errors to try requests.</source>
        <translation>Corrija os erros da configuração para experimentar requisições.</translation>
    </message>
    <message>
        <source>No endpoint answers: the server replies %1 itself.</source>
        <translation>Nenhum endpoint responde: o próprio servidor responde %1.</translation>
    </message>
    <message>
        <source>Endpoint %1 answers %2.</source>
        <translation>O endpoint %1 responde %2.</translation>
    </message>
    <message>
        <source>Sent after %1 ms.</source>
        <translation>Enviada após %1 ms.</translation>
    </message>
    <message>
        <source>The body is fetched from %1 when served.</source>
        <translation>O corpo é buscado em %1 ao ser servido.</translation>
    </message>
    <message>
        <source>Not a &quot;Name: value&quot; header, left out: %1.</source>
        <translation>Não é um cabeçalho &quot;Nome: valor&quot;, deixado de fora: %1.</translation>
    </message>
    <message>
        <source>Push to %1 after %2 ms: %3</source>
        <translation>Envio para %1 após %2 ms: %3</translation>
    </message>
    <message>
        <source>Push to %1: %2</source>
        <translation>Envio para %1: %2</translation>
    </message>
    <message>
        <source>Webhook, %1 ms after the response:</source>
        <translation>Webhook, %1 ms após a resposta:</translation>
    </message>
    <message>
        <source>Webhook, after the response:</source>
        <translation>Webhook, após a resposta:</translation>
    </message>
    <message>
        <source>Path:</source>
        <translation>Caminho:</translation>
    </message>
    <message>
        <source>Headers:</source>
        <translation>Cabeçalhos:</translation>
    </message>
    <message>
        <source>Body:</source>
        <translation>Corpo:</translation>
    </message>
    <message>
        <source>Why each rule of the endpoint does not answer this message</source>
        <translation>Por que cada regra do endpoint não responde a esta mensagem</translation>
    </message>
    <message>
        <source>The text has errors: Try it answers from the config the server runs.</source>
        <translation>O texto tem erros: o Experimente responde pela configuração que o servidor executa.</translation>
    </message>
    <message>
        <source>The text has errors: Try it answers from the last valid config.</source>
        <translation>O texto tem erros: o Experimente responde pela última configuração válida.</translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation>Linha %1</translation>
    </message>
    <message>
        <source>%1: its pattern is JSON, and the message is not JSON.</source>
        <translation>%1: o padrão é JSON, e a mensagem não é JSON.</translation>
    </message>
    <message>
        <source>%1: the message has no &quot;%2&quot; key.</source>
        <translation>%1: a mensagem não tem a chave &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>%1: expected %2, the message is %3.</source>
        <translation>%1: esperado %2, a mensagem é %3.</translation>
    </message>
    <message>
        <source>%1: at %2, expected %3, got %4.</source>
        <translation>%1: em %2, esperado %3, veio %4.</translation>
    </message>
    <message>
        <source>%1: the array at %2 must hold %3 elements; the message&apos;s holds %4.</source>
        <translation>%1: o array em %2 deve ter %3 elementos; o da mensagem tem %4.</translation>
    </message>
    <message>
        <source>the top</source>
        <translation>a raiz</translation>
    </message>
    <message>
        <source>%1: the text differs from %2 at character %3.</source>
        <translation>%1: o texto difere de %2 no caractere %3.</translation>
    </message>
    <message>
        <source>%1: the regular expression %2 does not match.</source>
        <translation>%1: a expressão regular %2 não corresponde.</translation>
    </message>
    <message>
        <source>%1: answers binary messages only.</source>
        <translation>%1: responde só a mensagens binárias.</translation>
    </message>
    <message>
        <source>%1: answers text messages only.</source>
        <translation>%1: responde só a mensagens de texto.</translation>
    </message>
    <message>
        <source>%1: the data does not start with %2 (hex).</source>
        <translation>%1: os dados não começam com %2 (hex).</translation>
    </message>
    <message>
        <source>%1: matches.</source>
        <translation>%1: corresponde.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Send the message on the simulated connection: the state and values its rule sets stay for the next message</source>
        <translation>Envia a mensagem na conexão simulada: o estado e os valores que a sua regra define ficam para a próxima mensagem</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Reiniciar</translation>
    </message>
    <message>
        <source>Start a fresh simulated connection: state start, no values, each sequence at its first reply</source>
        <translation>Começa uma nova conexão simulada: estado start, sem valores, cada sequência na sua primeira resposta</translation>
    </message>
    <message>
        <source>Connection:</source>
        <translation>Conexão:</translation>
    </message>
    <message>
        <source>state %1</source>
        <translation>estado %1</translation>
    </message>
    <message>
        <source>fresh (state start, no values)</source>
        <translation>nova (estado start, sem valores)</translation>
    </message>
    <message>
        <source>Endpoint %1: no rule matches, so on-unmatched answers.</source>
        <translation>Endpoint %1: nenhuma regra corresponde, então on-unmatched responde.</translation>
    </message>
    <message>
        <source>%1: switched off (enabled: false).</source>
        <translation>%1: desligada (enabled: false).</translation>
    </message>
    <message>
        <source>%1: answers only in state %2; the connection is in &quot;%3&quot;.</source>
        <translation>%1: só responde no estado %2; a conexão está em &quot;%3&quot;.</translation>
    </message>
    <message>
        <source>Messa&amp;ge:</source>
        <translation>Mensa&amp;gem:</translation>
    </message>
    <message>
        <source>The stream the message starts (its first frames) or stops</source>
        <translation>O stream que a mensagem inicia (os seus primeiros frames) ou para</translation>
    </message>
    <message>
        <source>Stream:</source>
        <translation>Stream:</translation>
    </message>
    <message>
        <source>A Socket.IO packet as its client sends it: 40 joins, then 42[&quot;chat&quot;,&quot;hi&quot;]</source>
        <translation>Um pacote Socket.IO como o cliente o envia: 40 entra, depois 42[&quot;chat&quot;,&quot;oi&quot;]</translation>
    </message>
    <message>
        <source>A graphql-ws message as its client sends it, first {&quot;type&quot;:&quot;connection_init&quot;}</source>
        <translation>Uma mensagem graphql-ws como o cliente a envia, primeiro {&quot;type&quot;:&quot;connection_init&quot;}</translation>
    </message>
    <message>
        <source>A STOMP frame: its command, headers, a blank line, its body, then ^@ for the NUL that ends it</source>
        <translation>Um frame STOMP: o comando, os cabeçalhos, uma linha em branco, o corpo e então ^@ para o NUL que o encerra</translation>
    </message>
    <message>
        <source>Type ^@ for the NUL that ends a STOMP frame</source>
        <translation>Digite ^@ para o NUL que encerra um frame STOMP</translation>
    </message>
    <message>
        <source>streams %1</source>
        <translation>streams %1</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>fechada</translation>
    </message>
    <message>
        <source>Endpoint %1 speaks %2: type a frame as its client sends it.</source>
        <translation>O endpoint %1 fala %2: digite um frame como o cliente o envia.</translation>
    </message>
    <message>
        <source>Endpoint %1: the connection is closed, so the frame goes nowhere; Reset starts a fresh one.</source>
        <translation>Endpoint %1: a conexão está fechada, então o frame não vai a lugar nenhum; Reiniciar começa uma nova.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Endpoint %1: %2 protocol error: %3. The connection closes with %4.</source>
        <translation>Endpoint %1: erro de protocolo %2: %3. A conexão é fechada com %4.</translation>
    </message>
    <message>
        <source>Endpoint %1: %2. The connection closes with %3.</source>
        <translation>Endpoint %1: %2. A conexão é fechada com %3.</translation>
    </message>
    <message>
        <source>Endpoint %1: %2. The %3 connection is set up, and on-connect runs.</source>
        <translation>Endpoint %1: %2. A conexão %3 está estabelecida, e o on-connect é executado.</translation>
    </message>
    <message>
        <source>Endpoint %1: %2, answered by %3 itself; no rule sees it.</source>
        <translation>Endpoint %1: %2, respondido pelo próprio %3; nenhuma regra o vê.</translation>
    </message>
    <message>
        <source>Endpoint %1: %2.</source>
        <translation>Endpoint %1: %2.</translation>
    </message>
    <message>
        <source>Endpoint %1: %2: %3</source>
        <translation>Endpoint %1: %2: %3</translation>
    </message>
    <message>
        <source>%1 matches.</source>
        <translation>%1 corresponde.</translation>
    </message>
    <message>
        <source>no rule matches, so on-unmatched answers.</source>
        <translation>nenhuma regra corresponde, então on-unmatched responde.</translation>
    </message>
    <message>
        <source>no rule matches.</source>
        <translation>nenhuma regra corresponde.</translation>
    </message>
    <message>
        <source>The reply goes to the endpoint&apos;s other connections.</source>
        <translation>A resposta vai para as outras conexões do endpoint.</translation>
    </message>
    <message>
        <source>The reply goes to every connection of the endpoint.</source>
        <translation>A resposta vai para todas as conexões do endpoint.</translation>
    </message>
    <message numerus="yes">
        <source>%n reply frame(s) not for this connection: %1 frames only its own.</source>
        <translation>
            <numerusform>%n frame de resposta não é para esta conexão: o %1 só enquadra os dela.</numerusform>
            <numerusform>%n frames de resposta não são para esta conexão: o %1 só enquadra os dela.</numerusform>
        </translation>
    </message>
    <message>
        <source>on-connect, once the %1 connect is done: %2</source>
        <translation>on-connect, assim que a conexão %1 estiver feita: %2</translation>
    </message>
    <message>
        <source>Stops stream %1.</source>
        <translation>Para o stream %1.</translation>
    </message>
    <message>
        <source>No stream %1 is running.</source>
        <translation>Nenhum stream %1 está rodando.</translation>
    </message>
    <message>
        <source>Stream %1 is refused: the connection runs %2 streams already.</source>
        <translation>O stream %1 é recusado: a conexão já roda %2 streams.</translation>
    </message>
    <message numerus="yes">
        <source>%n frame(s)</source>
        <translation>
            <numerusform>%n frame</numerusform>
            <numerusform>%n frames</numerusform>
        </translation>
    </message>
    <message>
        <source>until stopped</source>
        <translation>até ser parado</translation>
    </message>
    <message>
        <source>Restarts stream %1, every %2 ms, %3:</source>
        <translation>Reinicia o stream %1, a cada %2 ms, %3:</translation>
    </message>
    <message>
        <source>Starts stream %1, every %2 ms, %3:</source>
        <translation>Inicia o stream %1, a cada %2 ms, %3:</translation>
    </message>
    <message>
        <source>final  %1</source>
        <translation>final  %1</translation>
    </message>
    <message>
        <source>%1: its %2 is %3; the message is %4.</source>
        <translation>%1: o %2 dela é %3; a mensagem é %4.</translation>
    </message>
</context>
<context>
    <name>TryResult</name>
    <message numerus="yes">
        <source>&lt;binary, %n byte(s)&gt;</source>
        <translation>
            <numerusform>&lt;binário, %n byte&gt;</numerusform>
            <numerusform>&lt;binário, %n bytes&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>YamlEditor</name>
    <message>
        <source>Error: %1</source>
        <translation>Erro: %1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Aviso: %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Start serving at once.</source>
        <translation>Começa a servir imediatamente.</translation>
    </message>
    <message>
        <source>Address to listen on.</source>
        <translation>Endereço em que escutar.</translation>
    </message>
    <message>
        <source>HOST</source>
        <translation>HOST</translation>
    </message>
    <message>
        <source>Port to listen on (0 picks a free one).</source>
        <translation>Porta em que escutar (0 escolhe uma livre).</translation>
    </message>
    <message>
        <source>PORT</source>
        <translation>PORTA</translation>
    </message>
    <message>
        <source>A YAML config to open.</source>
        <translation>Uma configuração YAML a abrir.</translation>
    </message>
    <message>
        <source>mocket: invalid port &apos;%1&apos;</source>
        <translation>mocket: porta inválida &apos;%1&apos;</translation>
    </message>
    <message>
        <source>With no FILE, open the bundled example rather than the last file worked on.</source>
        <translation>Sem ARQUIVO, abre o exemplo incluído em vez do último arquivo trabalhado.</translation>
    </message>
    <message>
        <source>A workbench for mocking WebSocket servers. With no FILE, the last file worked on opens (the bundled example the first time).</source>
        <translation>Uma bancada para simular servidores WebSocket. Sem ARQUIVO, abre o último arquivo trabalhado (o exemplo incluído na primeira vez).</translation>
    </message>
</context>
</TS>
