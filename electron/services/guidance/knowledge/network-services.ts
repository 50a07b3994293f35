import type { ProgramEntry } from './schema';

// Reference §1.2, sshd, DNS and mail rows. "(V)" = checked by the reference, "(K)" = background knowledge.

export const NETWORK_SERVICES: ProgramEntry[] = [
  {
    id: 'sshd',
    name: 'OpenSSH sshd',
    detect: {
      images: [/(^|\/)openssh-server$/.source],
      commands: [/^(\S*\/)?sshd(:|\s|$)/.source],
      masterTitle: /^sshd: .*\[listener\]/.source,
      ports: [22, 2222],
    },
    reload: [
      {
        kind: 'signal',
        signal: 'HUP',
        target: 'master',
        note: 'Re-executes itself and re-reads sshd_config; open sessions are not affected (K).',
      },
    ],
    configTest: { command: ['sshd', '-t'], note: '`sshd -T` prints the effective configuration (K).' },
    configPaths: ['/etc/ssh/sshd_config', '/etc/ssh/sshd_config.d/', '/config/sshd/sshd_config'],
    cannotReload: [],
    caveats: [
      'The re-exec on SIGHUP needs sshd started with an absolute path (K).',
      'The CIS Docker benchmark (5.7) flags sshd running inside containers (V).',
    ],
    signalsToAvoid: [],
    sources: ['https://man.openbsd.org/sshd (K)'],
  },
  {
    id: 'bind',
    name: 'BIND named',
    detect: {
      images: [/(^|\/)bind9$/.source],
      commands: [/^(\S*\/)?named(\s|$)/.source],
      ports: [53],
    },
    reload: [
      {
        kind: 'exec',
        command: ['rndc', 'reload'],
        note: 'Configuration and zones; `rndc reconfig` reloads the configuration and new zones only (K).',
      },
      { kind: 'signal', signal: 'HUP', target: 'main', note: '(K)' },
    ],
    configTest: { command: ['named-checkconf'], note: 'Zones: `named-checkzone <zone> <file>`.' },
    configPaths: ['/etc/bind/named.conf'],
    cannotReload: [],
    caveats: ['rndc needs the control channel and its key (K).'],
    signalsToAvoid: [],
    sources: ['https://bind9.readthedocs.io/ (K)'],
  },
  {
    id: 'dnsmasq',
    name: 'dnsmasq',
    detect: {
      images: [/(^|\/)dnsmasq$/.source],
      commands: [/^(\S*\/)?dnsmasq(\s|$)/.source],
      ports: [53, 67],
    },
    reload: [
      {
        kind: 'signal',
        signal: 'HUP',
        target: 'main',
        note: 'Clears the cache and re-reads /etc/hosts, /etc/ethers, addn-hosts, dhcp-hostsfile…, but not dnsmasq.conf (V).',
      },
    ],
    configTest: { command: ['dnsmasq', '--test'] },
    configPaths: ['/etc/dnsmasq.conf', '/etc/dnsmasq.d/'],
    cannotReload: ['dnsmasq.conf is not re-read: a change needs a restart (V).'],
    caveats: [],
    signalsToAvoid: [],
    sources: ['dnsmasq man page, quoted in https://github.com/AdguardTeam/AdGuardHome/issues/1302'],
  },
  {
    id: 'coredns',
    name: 'CoreDNS',
    detect: {
      images: [/(^|\/)coredns$/.source],
      commands: [/^(\S*\/)?coredns(\s|$)/.source],
      ports: [53],
    },
    reload: [
      {
        kind: 'signal',
        signal: 'USR1',
        target: 'main',
        note: 'Or wait: the reload plugin polls the Corefile checksum (default 30 s ± 15 s jitter) (V).',
      },
    ],
    configPaths: ['/etc/coredns/Corefile'],
    cannotReload: [],
    caveats: [
      'An invalid Corefile keeps the old configuration and logs the error (V).',
      'No dedicated config test.',
      'In Kubernetes the ConfigMap propagation delay adds to the poll interval (V/K).',
    ],
    signalsToAvoid: [],
    sources: ['https://coredns.io/plugins/reload/'],
  },
  {
    id: 'postfix',
    name: 'Postfix',
    detect: {
      images: [/(^|\/)postfix$/.source],
      commands: [/^\S*\/postfix\/(sbin\/)?master(\s|$)/.source],
      ports: [25, 587],
    },
    reload: [{ kind: 'exec', command: ['postfix', 'reload'], note: '(K)' }],
    configTest: { command: ['postfix', 'check'], note: '(K)' },
    configPaths: ['/etc/postfix/main.cf', '/etc/postfix/master.cf'],
    cannotReload: ['Some main.cf parameters, e.g. inet_interfaces, need a restart (K).'],
    caveats: [],
    signalsToAvoid: [],
    sources: ['https://www.postfix.org/postfix.1.html (K)'],
  },
];
