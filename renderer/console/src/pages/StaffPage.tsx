import { useState } from 'react';
import { Tabs } from '../components/Tabs.tsx';
import { isAdminRole } from '../../../../shared/contract/console-api.ts';
import { useSession } from '../session-store.ts';
import { AgenciesTab } from './staff/AgenciesTab.tsx';
import { CountersTab, ServicesTab } from './staff/CountersTab.tsx';
import { ImportTab } from './staff/ImportTab.tsx';
import { OfficersTab } from './staff/OfficersTab.tsx';
import { ScaleTab } from './staff/ScaleTab.tsx';

type Tab = 'officers' | 'agencies' | 'counters' | 'services' | 'scale' | 'import';
const TABS: { id: Tab; label: string }[] = [
  { id: 'officers', label: 'Cán bộ' },
  { id: 'agencies', label: 'Cơ quan, đơn vị' },
  { id: 'counters', label: 'Quầy' },
  { id: 'services', label: 'Dịch vụ, ưu tiên' },
  { id: 'scale', label: 'Thang đánh giá, lý do' },
  { id: 'import', label: 'Nhập từ tệp' },
];

export default function StaffPage() {
  const [tab, setTab] = useState<Tab>('officers');
  const admin = useSession((s) => isAdminRole(s.session?.role));
  return (
    <>
      {!admin ? <p className="notice">Bạn đang xem; chỉ quản trị viên được thay đổi cán bộ và cơ cấu.</p> : null}
      <Tabs label="Cán bộ và cơ cấu" tabs={TABS} active={tab} onSelect={setTab}>
        {tab === 'officers' ? <OfficersTab admin={admin} /> : null}
        {tab === 'agencies' ? <AgenciesTab admin={admin} /> : null}
        {tab === 'counters' ? <CountersTab admin={admin} /> : null}
        {tab === 'services' ? <ServicesTab admin={admin} /> : null}
        {tab === 'scale' ? <ScaleTab admin={admin} /> : null}
        {tab === 'import' ? <ImportTab admin={admin} /> : null}
      </Tabs>
    </>
  );
}
