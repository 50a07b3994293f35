import { JVM_CAVEAT, JVM_SIGNALS_TO_AVOID, JVM_SOURCE } from './jvm';
import type { ProgramEntry } from './schema';

// Reference §1.2, messaging rows. "(V)" = checked by the reference, "(K)" = background knowledge.

export const QUEUES: ProgramEntry[] = [
  {
    id: 'kafka',
    name: 'Kafka',
    detect: {
      images: [/(^|\/)(cp-)?kafka$/.source],
      commands: [/^(\S*\/)?java\s.*\skafka\.Kafka(\s|$)/.source],
      ports: [9092],
    },
    reload: [],
    configPaths: ['/opt/kafka/config/server.properties', '/opt/bitnami/kafka/config/server.properties'],
    cannotReload: ['Read-only broker configs need a rolling restart (K).'],
    caveats: [
      'Dynamic broker configs change with `kafka-configs.sh --alter --entity-type brokers` (K).',
      JVM_CAVEAT,
    ],
    signalsToAvoid: JVM_SIGNALS_TO_AVOID,
    sources: ['https://kafka.apache.org/documentation/#dynamicbrokerconfigs (K)', JVM_SOURCE],
  },
  {
    id: 'rabbitmq',
    name: 'RabbitMQ',
    detect: {
      images: [/(^|\/)rabbitmq$/.source],
      commands: [/^(\S*\/)?beam(\.smp)?\s.*\brabbit\b/.source],
      ports: [5672, 15672],
    },
    reload: [],
    configPaths: ['/etc/rabbitmq/rabbitmq.conf'],
    cannotReload: ['rabbitmq.conf needs a node restart (K).'],
    caveats: [
      'Policies, runtime parameters and definitions change live through rabbitmqctl or the HTTP API (K).',
    ],
    signalsToAvoid: [],
    sources: ['https://www.rabbitmq.com/docs/configure (K)'],
  },
  {
    id: 'nats',
    name: 'NATS',
    detect: {
      images: [/(^|\/)nats$/.source],
      commands: [/^(\S*\/)?nats-server(\s|$)/.source],
      ports: [4222, 6222, 8222],
    },
    reload: [
      { kind: 'signal', signal: 'HUP', target: 'main' },
      {
        kind: 'exec',
        command: ['nats-server', '--signal', 'reload'],
        note: 'Add =<pid> when several servers run in the container (V).',
      },
    ],
    configTest: {
      command: ['nats-server', '-c', '/etc/nats/nats-server.conf', '-t'],
      note: '"-t: test configuration and exit" (docs.nats.io flags); use the -c of the running command line.',
    },
    configPaths: ['/etc/nats/nats-server.conf', '/nats-server.conf'],
    cannotReload: ['Not every option is reloadable (K).'],
    caveats: ['A reload can also be requested on the system subject $SYS.REQ.SERVER.<id>.RELOAD (V).'],
    signalsToAvoid: [
      { signal: 'USR2', why: 'lame-duck mode: the server drains its clients and shuts down (V)' },
    ],
    sources: [
      'https://docs.nats.io/running-a-nats-service/nats_admin/signals',
      'https://docs.nats.io/nats-server/flags',
    ],
  },
  {
    id: 'mosquitto',
    name: 'Mosquitto',
    detect: {
      images: [/(^|\/)eclipse-mosquitto$/.source],
      commands: [/^(\S*\/)?mosquitto(\s|$)/.source],
      ports: [1883, 8883],
    },
    reload: [
      { kind: 'signal', signal: 'HUP', target: 'main' },
      { kind: 'exec', command: ['mosquitto_signal', '-a', 'config-reload'] },
    ],
    configPaths: ['/mosquitto/config/mosquitto.conf'],
    cannotReload: ['Listeners; mosquitto.conf marks which options a reload applies (V/K).'],
    caveats: [
      'A reload applies "most" options (V).',
      'A reload can fail when the file-descriptor limit is exhausted (CVE note) (V).',
      'No config test (K).',
    ],
    signalsToAvoid: [],
    sources: ['https://mosquitto.org/man/mosquitto_signal-1.html'],
  },
];
